package dev.herald.host.config;

import dev.herald.core.net.AddressPolicy;
import java.util.ArrayList;
import java.util.List;

/** Maps the {@code network} section: the allow-list of internal webhook targets. */
final class NetworkMapper {

  private NetworkMapper() {}

  /** Returns the network configuration with the valid entries; problems name each bad one. */
  static NetworkConfig map(YamlMapping yaml) {
    List<String> allow = new ArrayList<>();
    yaml.list("allow", NetworkMapper::entry).ifPresent(allow::addAll);
    yaml.rejectUnknownKeys();
    return new NetworkConfig(allow);
  }

  private static String entry(com.fasterxml.jackson.databind.JsonNode node) {
    String text = Scalars.nonBlankText().read(node);
    AddressPolicy.entryProblem(text)
        .ifPresent(
            problem -> {
              throw new IllegalArgumentException(problem);
            });
    return text;
  }
}
