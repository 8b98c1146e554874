package dev.herald.core.testing;

import static java.nio.charset.StandardCharsets.UTF_8;
import static java.nio.file.StandardOpenOption.CREATE;
import static java.nio.file.StandardOpenOption.WRITE;

import io.zonky.test.db.postgres.embedded.DefaultPostgresBinaryResolver;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Runs the embedded server's binaries as nobody when the tests run as root and zonky cannot.
 *
 * <p>{@code initdb} and {@code postgres} refuse to run as root. zonky already copes where root may
 * create a user namespace: it runs them under {@code unshare -U}, where root appears as nobody.
 * Where root may not (a container whose seccomp profile forbids {@code unshare}, a kernel with user
 * namespaces off), this class hands zonky a binary directory whose {@code bin/initdb} and {@code
 * bin/pg_ctl} are scripts that drop to uid and gid 65534 (nobody) with {@code setpriv} and then run
 * the real binaries, extracted once under {@code java.io.tmpdir}; {@code pg_ctl} starts the real
 * {@code postgres} beside itself, as nobody too. The data directory belongs to nobody. Needs {@code
 * tar}, {@code xz} and {@code setpriv} (util-linux) on the {@code PATH}.
 *
 * <p>To try this path where user namespaces work, put an {@code unshare} that exits 1 first on the
 * test JVM's {@code PATH}.
 */
final class RootlessPostgresBinaries {

  private static final int NOBODY = 65534;
  private static final List<String> WRAPPED = List.of("initdb", "pg_ctl");
  private static final String PREFIX = "herald-pg-rootless";

  private RootlessPostgresBinaries() {}

  /** Returns whether this JVM runs as root where zonky cannot run PostgreSQL as nobody itself. */
  static boolean needed() throws IOException {
    return isRoot() && !LinuxUtils.isUnshareAvailable();
  }

  /** Makes the builder start PostgreSQL as nobody, from a data directory nobody owns. */
  static void applyTo(EmbeddedPostgres.Builder builder) throws IOException {
    Path dataDirectory = Files.createTempDirectory(PREFIX + "-data");
    Files.setAttribute(dataDirectory, "unix:uid", NOBODY);
    Files.setAttribute(dataDirectory, "unix:gid", NOBODY);
    builder.setDataDirectory(dataDirectory).setPgBinaryResolver(RootlessPostgresBinaries::wrappers);
  }

  private static boolean isRoot() throws IOException {
    Path self = Path.of("/proc/self");
    return Files.exists(self) && (Integer) Files.getAttribute(self, "unix:uid") == 0;
  }

  /**
   * Returns a .txz, zonky's format for a binary directory, whose bin/ holds the wrapper scripts.
   * Everything is made once per machine under {@code java.io.tmpdir}, and the same archive each
   * time, so that zonky unpacks it once too.
   */
  private static InputStream wrappers(String system, String machineHardware) throws IOException {
    byte[] bundled;
    try (InputStream in =
        DefaultPostgresBinaryResolver.INSTANCE.getPgBinary(system, machineHardware)) {
      bundled = in.readAllBytes();
    }
    Path root = readableDirectory(Path.of(System.getProperty("java.io.tmpdir"), PREFIX));
    String key = sha256(bundled);
    Path wrappers = root.resolve(key + "-wrappers.txz");
    // Test JVMs of parallel builds may get here at once: one makes the files, the others wait.
    try (FileChannel channel = FileChannel.open(root.resolve(key + ".lock"), CREATE, WRITE);
        FileLock lock = channel.lock()) {
      Path complete = root.resolve(key + ".complete");
      if (!Files.exists(complete)) {
        Path real = readableDirectory(root.resolve(key));
        run(bundled, "tar", "-xJf", "-", "-C", real.toString());
        Path scripts = Files.createDirectories(root.resolve(key + "-wrappers").resolve("bin"));
        for (String name : WRAPPED) {
          Files.writeString(scripts.resolve(name), script(real.resolve("bin").resolve(name)));
        }
        run(
            null,
            "tar",
            "-cJf",
            wrappers.toString(),
            "--sort=name",
            "--mtime=@0",
            "--owner=0",
            "--group=0",
            "--numeric-owner",
            "-C",
            scripts.getParent().toString(),
            "bin");
        Files.createFile(complete);
      }
    }
    return Files.newInputStream(wrappers);
  }

  private static String script(Path binary) {
    return """
        #!/bin/sh
        # PostgreSQL refuses to run as root: run the real binary as nobody. cd / first: nobody may
        # not enter the test's working directory, and every path zonky passes is absolute.
        cd / && exec setpriv --reuid=%d --regid=%d --clear-groups '%s' "$@"
        """
        .formatted(NOBODY, NOBODY, binary);
  }

  private static Path readableDirectory(Path directory) throws IOException {
    Files.createDirectories(directory);
    Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwxr-xr-x"));
    return directory;
  }

  private static void run(byte[] input, String... command) throws IOException {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try (OutputStream stdin = process.getOutputStream()) {
      if (input != null) {
        stdin.write(input);
      }
    }
    byte[] output = process.getInputStream().readAllBytes();
    try {
      if (process.waitFor() != 0) {
        throw new IOException(
            String.join(" ", command) + " failed: " + new String(output, UTF_8).strip());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command[0], e);
    }
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
