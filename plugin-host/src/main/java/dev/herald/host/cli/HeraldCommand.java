package dev.herald.host.cli;

import dev.herald.core.secret.SecretUnreadableException;
import dev.herald.core.store.DatabaseException;
import dev.herald.host.config.ConfigException;
import dev.herald.host.config.ConfigLoader;
import dev.herald.host.plugin.ManifestException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The root command; its subcommands do the work. */
@Command(
    name = "herald",
    mixinStandardHelpOptions = true,
    versionProvider = HeraldCommand.Version.class,
    description = "Delivers events to signed webhooks and gRPC plugins.",
    subcommands = {
      ServeCommand.class,
      PublishCommand.class,
      KeysCommand.class,
      ExportCommand.class
    })
public final class HeraldCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  private final ConfigLoader configLoader;

  private HeraldCommand(ConfigLoader configLoader) {
    this.configLoader = configLoader;
  }

  /** Returns the command line, with configuration errors printed plainly and exit status 2. */
  public static CommandLine commandLine() {
    return commandLine(ConfigLoader.ofSystem());
  }

  /**
   * Returns the command line reading its configuration with {@code configLoader}, e.g. one that
   * resolves {@code secret_ref}s from a test's own environment.
   */
  public static CommandLine commandLine(ConfigLoader configLoader) {
    CommandLine commandLine = new CommandLine(new HeraldCommand(configLoader));
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parsed) -> {
          if (e instanceof ConfigException
              || e instanceof ManifestException
              || e instanceof IllegalArgumentException
              || e instanceof SecretUnreadableException) {
            cmd.getErr().println("herald: " + e.getMessage());
            return 2;
          }
          if (e instanceof DatabaseException) {
            // Unreachable, refused, or not migratable: the message names the key and the cause.
            cmd.getErr().println("herald: " + e.getMessage());
            return 1;
          }
          throw e;
        });
    return commandLine;
  }

  /** Returns the loader every subcommand reads its configuration with. */
  ConfigLoader configLoader() {
    return configLoader;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Reports the version from the jar manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = HeraldCommand.class.getPackage().getImplementationVersion();
      return new String[] {"herald " + (version == null ? "development build" : version)};
    }
  }
}
