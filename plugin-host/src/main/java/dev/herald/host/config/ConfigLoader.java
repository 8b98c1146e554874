package dev.herald.host.config;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * Reads {@code herald.yaml} into a validated {@link HeraldConfig}, reporting every problem at once
 * in a {@link ConfigException}.
 */
public final class ConfigLoader {

  private static final YAMLMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private final SecretResolver secrets;

  /** Creates a loader that resolves {@code secret_ref}s with {@code secrets}. */
  public ConfigLoader(SecretResolver secrets) {
    this.secrets = requireNonNull(secrets, "secrets");
  }

  /** Returns a loader resolving secrets from {@code /run/secrets} and the process environment. */
  public static ConfigLoader ofSystem() {
    return new ConfigLoader(SecretResolver.ofSystem());
  }

  /**
   * Returns the configuration in {@code file}, or the defaults when no file is given.
   *
   * @throws ConfigException when the file is missing, unreadable or invalid
   */
  public HeraldConfig load(Optional<Path> file) {
    requireNonNull(file, "file");
    if (file.isEmpty()) {
      return HeraldConfig.ofDefaults();
    }
    Path path = file.get();
    String yaml;
    try {
      yaml = Files.readString(path);
    } catch (NoSuchFileException e) {
      throw new ConfigException(path.toString(), List.of(path + ": no such file"));
    } catch (IOException e) {
      throw new ConfigException(path.toString(), List.of(path + ": cannot read (" + e + ")"));
    }
    return parse(yaml, path.toString());
  }

  /**
   * Returns the configuration in {@code yaml}; an empty document gives the defaults.
   *
   * @param source names the document in error messages, e.g. its file name
   * @throws ConfigException when the document is not valid YAML or not a valid configuration
   */
  public HeraldConfig parse(String yaml, String source) {
    requireNonNull(yaml, "yaml");
    requireNonNull(source, "source");
    JsonNode tree = readTree(yaml, source);
    Problems problems = new Problems();
    HeraldConfig config = new ConfigTreeMapper(secrets).map(YamlMapping.root(tree, problems));
    if (!problems.isEmpty()) {
      throw new ConfigException(source, problems.lines());
    }
    return config;
  }

  private static JsonNode readTree(String yaml, String source) {
    try {
      JsonNode tree = YAML.readTree(yaml);
      return tree == null ? MissingNode.getInstance() : tree;
    } catch (JacksonException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? source
              : "line " + location.getLineNr() + ", column " + location.getColumnNr();
      throw new ConfigException(source, List.of(where + ": " + firstLine(e.getOriginalMessage())));
    }
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
