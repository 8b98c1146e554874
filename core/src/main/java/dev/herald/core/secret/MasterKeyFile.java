package dev.herald.core.secret;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The master key kept in a file beside an embedded database, for when the configuration names none:
 * created at first start, readable by its owner only, and never replaced.
 */
public final class MasterKeyFile {

  private static final Logger log = LoggerFactory.getLogger(MasterKeyFile.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rw-------");

  private MasterKeyFile() {}

  /** Returns the key file of the database at {@code database}: the same path plus {@code .key}. */
  public static Path beside(Path database) {
    return database.resolveSibling(database.getFileName() + ".key");
  }

  /**
   * Reads the key in {@code file}, creating the file with a new key when it does not exist.
   *
   * @throws IllegalArgumentException when the file holds no valid key
   */
  public static MasterKey readOrCreate(Path file, SecureRandom random) {
    requireNonNull(file, "file");
    requireNonNull(random, "random");
    String source = "key file " + file.toAbsolutePath();
    try {
      if (!Files.exists(file)) {
        create(file, MasterKey.generate(random, source));
      }
      warnIfOthersCanRead(file);
      return MasterKey.parse(Files.readString(file, StandardCharsets.US_ASCII), source);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(source + ": cannot read or create (" + e + ")", e);
    }
  }

  private static void create(Path file, MasterKey key) throws IOException {
    Path folder = file.toAbsolutePath().getParent();
    Files.createDirectories(folder);
    Path draft = Files.createTempFile(folder, file.getFileName().toString(), ".new", ownerOnly());
    try {
      Files.writeString(draft, key.encoded() + "\n", StandardCharsets.US_ASCII);
      // A link appears whole or not at all, and never replaces a key another process made first.
      Files.createLink(file, draft);
      log.info(
          "Created the master key for webhook secrets at {}; back it up with the database, which"
              + " cannot be read without it",
          file.toAbsolutePath());
    } catch (FileAlreadyExistsException e) {
      // Another process started at the same moment; its key is the one.
    } finally {
      Files.deleteIfExists(draft);
    }
  }

  private static FileAttribute<?>[] ownerOnly() {
    return isPosix()
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)}
        : new FileAttribute<?>[0];
  }

  private static void warnIfOthersCanRead(Path file) throws IOException {
    if (isPosix() && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(file))) {
      log.warn(
          "The master key file {} can be read by other users (expected: chmod 600)",
          file.toAbsolutePath());
    }
  }

  private static boolean isPosix() {
    return FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
  }
}
