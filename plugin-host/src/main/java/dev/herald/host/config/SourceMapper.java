package dev.herald.host.config;

import com.fasterxml.jackson.databind.JsonNode;
import dev.herald.core.inbound.InboundSource;
import dev.herald.core.inbound.InvalidSourceException;
import dev.herald.core.inbound.SourceDraft;
import dev.herald.core.inbound.SourceStatus;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Maps the {@code sources} section, one entry per source keyed by its id, to inbound sources,
 * resolving each secret; a bad value is recorded under its key, e.g. {@code
 * sources.github.verifier}.
 */
final class SourceMapper {

  private final SecretResolver secrets;
  // Never used to generate: a source in the file must give its secret.
  private final SecureRandom random = new SecureRandom();

  SourceMapper(SecretResolver secrets) {
    this.secrets = secrets;
  }

  /** Returns the sources that are complete; problems with the others are recorded. */
  List<InboundSource> map(YamlMapping sources) {
    List<InboundSource> mapped = new ArrayList<>();
    for (String id : sources.entries(JsonNode.class::cast).keySet()) {
      source(id, sources.mapping(id)).ifPresent(mapped::add);
    }
    return mapped;
  }

  private Optional<InboundSource> source(String id, YamlMapping yaml) {
    Optional<String> verifier = yaml.required("verifier", Scalars.nonBlankText());
    Optional<String> secret =
        yaml.exactlyOneOf("secret", "secret_ref")
            .flatMap(
                key ->
                    key.equals("secret")
                        ? yaml.optional(key, Scalars.nonBlankText())
                        : yaml.optional(key, node -> secrets.resolve(Scalars.text().read(node))));
    SourceDraft draft =
        new SourceDraft(
            id,
            yaml.get("realm", Scalars.nonBlankText(), ""),
            verifier.orElse(""),
            yaml.optional("header", Scalars.nonBlankText()),
            yaml.optional("algorithm", Scalars.nonBlankText()),
            yaml.optional("encoding", Scalars.nonBlankText()),
            yaml.optional("prefix", Scalars.text()),
            yaml.optional("tolerance", Scalars.positiveDuration()),
            secret,
            yaml.optional("event_type", Scalars.nonBlankText()),
            yaml.optional("delivery_id", Scalars.text()),
            yaml.get("enabled", Scalars.bool(), true)
                ? SourceStatus.ACTIVE
                : SourceStatus.DISABLED);
    yaml.rejectUnknownKeys();
    if (verifier.isEmpty() || secret.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(draft.build(InboundSource.Origin.CONFIG, random).source());
    } catch (InvalidSourceException e) {
      // The id is this mapping's key; every other field is a key inside it.
      e.violations()
          .forEach(v -> yaml.problem(v.field().equals("id") ? null : v.field(), v.reason()));
      return Optional.empty();
    }
  }
}
