package dev.herald.host.cli;

import dev.herald.host.HeraldServer;
import dev.herald.host.LogSetup;
import dev.herald.host.config.HeraldConfig;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs the pipeline until the process is told to stop, then shuts down gracefully. */
@Command(name = "serve", description = "Run the pipeline: route and deliver events until stopped.")
final class ServeCommand implements Callable<Integer> {

  @Mixin ConfigOption config;

  @Override
  public Integer call() throws InterruptedException {
    HeraldConfig loaded = config.load();
    LogSetup.apply(loaded.logging());
    HeraldServer server = HeraldServer.open(loaded, Clock.systemUTC(), config::load);
    CountDownLatch stopped = new CountDownLatch(1);
    // Registered before anything starts: a SIGTERM during start-up stops the plugins started so
    // far.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  server.close();
                  stopped.countDown();
                },
                "herald-shutdown"));
    server.start();
    stopped.await();
    return 0;
  }
}
