package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Looks up a named secret: first the file {@code <secretsDir>/<name>}, then the environment
 * variable named by upper-casing the name and replacing other characters with {@code _}.
 */
public final class SecretResolver {

  /** Where container runtimes mount secrets. */
  public static final Path DEFAULT_SECRETS_DIR = Path.of("/run/secrets");

  private static final Logger logger = LoggerFactory.getLogger(SecretResolver.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  private final Path secretsDir;
  private final Map<String, String> environment;

  /** Creates a resolver reading files under {@code secretsDir}, then {@code environment}. */
  public SecretResolver(Path secretsDir, Map<String, String> environment) {
    this.secretsDir = requireNonNull(secretsDir, "secretsDir");
    this.environment = Map.copyOf(requireNonNull(environment, "environment"));
  }

  /** Returns a resolver over {@code /run/secrets} and this process's environment. */
  public static SecretResolver ofSystem() {
    return new SecretResolver(DEFAULT_SECRETS_DIR, System.getenv());
  }

  /**
   * Returns the environment variable consulted for {@code name}: {@code billing-hook} → {@code
   * BILLING_HOOK}.
   */
  public static String environmentName(String name) {
    return name.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
  }

  /**
   * Returns the secret's text without trailing whitespace.
   *
   * @throws IllegalArgumentException saying where it looked; never containing the secret
   */
  public String resolve(String name) {
    requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "'"
              + name
              + "' (expected: a name of letters, digits, '.', '_' and '-', not starting with"
              + " '.', '_' or '-')");
    }
    Path file = secretsDir.resolve(name);
    if (Files.isRegularFile(file)) {
      try {
        return Files.readString(file).stripTrailing();
      } catch (IOException e) {
        throw new IllegalArgumentException("'" + name + "': cannot read " + file + " (" + e + ")");
      }
    }
    String variable = environmentName(name);
    String value = environment.get(variable);
    if (value == null) {
      throw new IllegalArgumentException(
          "'" + name + "' not found in " + secretsDir + " or environment variable " + variable);
    }
    logger.warn(
        "Secret '{}' was read from environment variable {}; a file in {} is safer.",
        name,
        variable,
        secretsDir);
    return value.stripTrailing();
  }
}
