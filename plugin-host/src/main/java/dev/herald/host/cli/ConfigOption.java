package dev.herald.host.cli;

import dev.herald.host.config.ConfigLoader;
import dev.herald.host.config.HeraldConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code --config} option every subcommand shares. */
final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration; without it, defaults (SQLite at ./data/herald.db).")
  Path file;

  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  /** Loads and validates the configuration with the root command's loader. */
  HeraldConfig load() {
    ConfigLoader loader = ((HeraldCommand) command.root().userObject()).configLoader();
    return loader.load(Optional.ofNullable(file));
  }
}
