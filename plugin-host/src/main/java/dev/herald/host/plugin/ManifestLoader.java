package dev.herald.host.plugin;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.herald.host.config.Problems;
import dev.herald.host.config.YamlMapping;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Reads plugin manifests ({@code *.plugin.yaml}, {@code *.plugin.yml}, {@code *.plugin.json}) into
 * validated {@link PluginManifest}s, reporting every problem of every file at once in a {@link
 * ManifestException}.
 */
public final class ManifestLoader {

  /** The file name endings of manifests; other files in the folder are ignored. */
  public static final List<String> SUFFIXES =
      List.of(".plugin.yaml", ".plugin.yml", ".plugin.json");

  private static final ObjectMapper YAML =
      YAMLMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ManifestLoader() {}

  /**
   * Returns the manifest in {@code file}.
   *
   * @throws ManifestException when the file is missing, unreadable or invalid
   */
  public static PluginManifest load(Path file) {
    requireNonNull(file, "file");
    List<String> problems = new ArrayList<>();
    Optional<PluginManifest> manifest = read(file, problems);
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    return manifest.orElseThrow();
  }

  /**
   * Returns the manifests in {@code directory}, sorted by id; none when the folder does not exist.
   * Sub-folders and files without a manifest ending are ignored.
   *
   * @throws ManifestException listing every problem of every file, and ids used twice
   */
  public static List<PluginManifest> loadDirectory(Path directory) {
    requireNonNull(directory, "directory");
    if (Files.notExists(directory)) {
      return List.of();
    }
    List<String> problems = new ArrayList<>();
    List<PluginManifest> manifests = new ArrayList<>();
    Map<String, Path> fileById = new HashMap<>();
    for (Path file : manifestFiles(directory, problems)) {
      read(file, problems)
          .ifPresent(
              manifest -> {
                Path first = fileById.putIfAbsent(manifest.id(), file);
                if (first == null) {
                  manifests.add(manifest);
                } else {
                  problems.add(
                      file
                          + ": id: '"
                          + manifest.id()
                          + "' (expected: unique; already used by "
                          + first
                          + ")");
                }
              });
    }
    if (!problems.isEmpty()) {
      throw new ManifestException(problems);
    }
    manifests.sort(Comparator.comparing(PluginManifest::id));
    return List.copyOf(manifests);
  }

  /** Returns whether {@code file}'s name has a manifest ending. */
  public static boolean isManifest(Path file) {
    Path name = file.getFileName();
    return name != null && SUFFIXES.stream().anyMatch(name.toString()::endsWith);
  }

  private static List<Path> manifestFiles(Path directory, List<String> problems) {
    if (!Files.isDirectory(directory)) {
      problems.add(directory + ": not a folder (expected: a folder of plugin manifests)");
      return List.of();
    }
    try (Stream<Path> files = Files.list(directory)) {
      return files
          .filter(file -> isManifest(file) && Files.isRegularFile(file))
          .sorted(Comparator.comparing(Path::toString))
          .toList();
    } catch (IOException e) {
      problems.add(directory + ": cannot list (" + e + ")");
      return List.of();
    }
  }

  private static Optional<PluginManifest> read(Path file, List<String> problems) {
    String text;
    try {
      text = Files.readString(file);
    } catch (NoSuchFileException e) {
      problems.add(file + ": no such file");
      return Optional.empty();
    } catch (IOException e) {
      problems.add(file + ": cannot read (" + e + ")");
      return Optional.empty();
    }
    JsonNode tree;
    try {
      tree = (file.toString().endsWith(".json") ? JSON : YAML).readTree(text);
    } catch (JacksonException e) {
      JsonLocation location = e.getLocation();
      String where =
          location == null
              ? ""
              : "line " + location.getLineNr() + ", column " + location.getColumnNr() + ": ";
      problems.add(file + ": " + where + firstLine(e.getOriginalMessage()));
      return Optional.empty();
    }
    Problems found = new Problems();
    Optional<PluginManifest> manifest =
        new ManifestMapper(file, found)
            .map(YamlMapping.root(tree == null ? MissingNode.getInstance() : tree, found));
    found.lines().forEach(line -> problems.add(file + ": " + line));
    return manifest;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return (newline < 0 ? message : message.substring(0, newline)).strip();
  }
}
