package dev.herald.host.cli;

import dev.herald.core.Stores;
import dev.herald.core.admin.KeyRotation;
import dev.herald.core.audit.AuditLog;
import dev.herald.core.secret.MasterKey;
import dev.herald.core.secret.SecretKeyring;
import dev.herald.core.store.Database;
import dev.herald.host.DatabaseOpener;
import dev.herald.host.config.HeraldConfig;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The key that seals webhook secrets at rest. */
@Command(
    name = "keys",
    description = "Manage the key that encrypts webhook secrets at rest.",
    subcommands = {KeysCommand.Rotate.class})
final class KeysCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Adds a new active data key and re-encrypts every stored webhook secret under it, in the
   * configured database; running servers keep working, since older keys stay readable.
   */
  @Command(
      name = "rotate",
      description =
          "Add a new active key and re-encrypt every webhook secret under it; running servers keep"
              + " delivering.")
  static final class Rotate implements Callable<Integer> {

    @Mixin ConfigOption config;

    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      HeraldConfig heraldConfig = config.load();
      SecureRandom random = new SecureRandom();
      MasterKey masterKey = heraldConfig.secrets().masterKey(heraldConfig.database(), random);
      try (Database database = DatabaseOpener.open(heraldConfig.database())) {
        SecretKeyring keyring =
            new SecretKeyring(
                masterKey,
                heraldConfig.secrets().previousKeys(),
                database.dialect(),
                random,
                Clock.systemUTC());
        KeyRotation.Result result =
            new CliAudit(new AuditLog(database), Clock.systemUTC())
                .keyRotation(
                    () -> {
                      Stores stores = Stores.of(database, keyring);
                      return new KeyRotation(
                              database, keyring, stores.webhooks(), stores.inboundSources())
                          .rotate();
                    });
        PrintWriter out = spec.commandLine().getOut();
        out.println(
            "Key "
                + result.keyId()
                + " is active; the secrets of "
                + result.resealed()
                + " webhook endpoint(s) and inbound source(s) were re-encrypted under it.");
        out.flush();
      }
      return 0;
    }
  }
}
