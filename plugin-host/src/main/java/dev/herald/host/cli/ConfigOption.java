package dev.herald.host.cli;

import dev.herald.host.config.ConfigLoader;
import dev.herald.host.config.HeraldConfig;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Option;

/** The {@code --config} option every subcommand shares. */
final class ConfigOption {

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML configuration; without it, defaults (SQLite at ./data/herald.db).")
  Path file;

  /** Loads and validates the configuration. */
  HeraldConfig load() {
    return ConfigLoader.ofSystem().load(Optional.ofNullable(file));
  }
}
