package dev.herald.host;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Writes manifests that run the sample plugins of {@code plugins-sample/} from this checkout. */
final class SampleManifests {

  /** The {@code plugins-sample} folder of this checkout. */
  static final Path SAMPLES =
      Path.of(System.getProperty("herald.samples", "../plugins-sample"))
          .toAbsolutePath()
          .normalize();

  private SampleManifests() {}

  /**
   * Writes the audit-log plugin's manifest into {@code plugins}: {@code user.*} and {@code group.*}
   * events of {@code realms} (a YAML list; {@code []} for every realm), appended to {@code log}.
   */
  static void auditLog(Path plugins, Path log, String realms) throws IOException {
    Files.writeString(
        plugins.resolve("audit-log.plugin.yaml"),
        """
        id: audit-log
        version: 0.1.0
        protocol_versions: [1]
        command: [%s]
        subscriptions:
          - event_types: [user.*, group.*]
            realms: %s
        env:
          AUDIT_LOG_FILE: %s
        """
            .formatted(SAMPLES.resolve("audit-log/run"), realms, log));
  }

  /**
   * Writes a managed plugin {@code id} into {@code folder}/plugins that runs the shell {@code
   * script} and takes every event; returns the plugins folder.
   */
  static Path scripted(Path folder, String id, String script) throws IOException {
    Path plugins = Files.createDirectories(folder.resolve("plugins"));
    Path executable = plugins.resolve("plugin.sh");
    Files.writeString(executable, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(executable, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.writeString(
        plugins.resolve(id + ".plugin.yaml"),
        """
        id: %s
        version: 1.0.0
        protocol_versions: [1]
        command: [./plugin.sh]
        subscriptions:
          - event_types: ['*']
        """
            .formatted(id));
    return plugins;
  }
}
