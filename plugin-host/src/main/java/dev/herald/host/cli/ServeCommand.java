package dev.herald.host.cli;

import dev.herald.host.HeraldServer;
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
    HeraldServer server = HeraldServer.open(config.load(), Clock.systemUTC(), config::load);
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
