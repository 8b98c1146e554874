package dev.herald.core.inbound;

import static java.util.Objects.requireNonNull;

import dev.herald.core.envelope.FieldViolation;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * A source as declared in the config file or over the admin API, not yet checked; {@link #build}
 * checks every field at once and names each bad one ({@code verifier}, {@code header}, {@code
 * algorithm}, {@code encoding}, {@code prefix}, {@code tolerance}, {@code secret}, {@code
 * event_type}, {@code delivery_id}, {@code id}).
 *
 * @param secret empty to have one generated
 * @param eventType empty for the verifier's default template
 * @param deliveryId empty for the verifier's default; an empty string for none
 */
public record SourceDraft(
    String id,
    String realmId,
    String verifier,
    Optional<String> header,
    Optional<String> algorithm,
    Optional<String> encoding,
    Optional<String> prefix,
    Optional<Duration> tolerance,
    Optional<String> secret,
    Optional<String> eventType,
    Optional<String> deliveryId,
    SourceStatus status) {

  public SourceDraft {
    requireNonNull(id, "id");
    requireNonNull(realmId, "realmId");
    requireNonNull(verifier, "verifier");
    requireNonNull(header, "header");
    requireNonNull(algorithm, "algorithm");
    requireNonNull(encoding, "encoding");
    requireNonNull(prefix, "prefix");
    requireNonNull(tolerance, "tolerance");
    requireNonNull(secret, "secret");
    requireNonNull(eventType, "eventType");
    requireNonNull(deliveryId, "deliveryId");
    requireNonNull(status, "status");
  }

  /** Returns the draft a stored source would be declared by. */
  public static SourceDraft of(InboundSource source) {
    VerifierSettings v = source.verifier();
    return new SourceDraft(
        source.id(),
        source.realmId(),
        v.kind().wireName(),
        v.header(),
        v.algorithm().map(HmacAlgorithm::wireName),
        v.encoding().map(SignatureEncoding::wireName),
        v.prefix(),
        v.tolerance(),
        Optional.of(source.secret()),
        Optional.of(source.eventType().text()),
        Optional.of(source.deliveryId().map(RequestTemplate::text).orElse("")),
        source.status());
  }

  /** Returns a copy with another status. */
  public SourceDraft withStatus(SourceStatus newStatus) {
    return new SourceDraft(
        id,
        realmId,
        verifier,
        header,
        algorithm,
        encoding,
        prefix,
        tolerance,
        secret,
        eventType,
        deliveryId,
        newStatus);
  }

  /** A checked source, with the secret generated for it if it was given none. */
  public record Built(InboundSource source, Optional<String> generatedSecret) {}

  /**
   * Checks the draft and returns the source it declares.
   *
   * @throws InvalidSourceException naming every bad field
   */
  public Built build(InboundSource.Origin origin, SecureRandom random) {
    List<FieldViolation> found = new ArrayList<>();
    if (!InboundSource.ID_PATTERN.matcher(id).matches()) {
      found.add(new FieldViolation("id", "'" + id + "' (expected: [a-z0-9][a-z0-9_-]{0,63})"));
    }
    Optional<VerifierKind> kind =
        parsed(found, "verifier", Optional.of(verifier), VerifierKind::parse);
    Optional<HmacAlgorithm> algo = parsed(found, "algorithm", algorithm, HmacAlgorithm::parse);
    Optional<SignatureEncoding> enc = parsed(found, "encoding", encoding, SignatureEncoding::parse);
    Optional<RequestTemplate> type =
        parsed(found, "event_type", eventType, RequestTemplate::parse)
            .or(() -> kind.flatMap(VerifierKind::defaultEventType).map(RequestTemplate::parse));
    if (kind.isPresent() && type.isEmpty() && eventType.isEmpty()) {
      found.add(
          new FieldViolation(
              "event_type",
              "missing (required by the "
                  + verifier
                  + " verifier, e.g. acme.{body:type} or acme.{header:X-Event})"));
    }
    Optional<RequestTemplate> delivery =
        deliveryId.isPresent()
            ? parsed(
                found, "delivery_id", deliveryId.filter(d -> !d.isEmpty()), RequestTemplate::parse)
            : kind.flatMap(VerifierKind::defaultDeliveryId).map(RequestTemplate::parse);
    if (kind.isEmpty()) {
      throw new InvalidSourceException(found);
    }
    VerifierSettings settings =
        new VerifierSettings(kind.get(), header, algo, enc, prefix, tolerance);
    found.addAll(settings.violations());
    Optional<String> generated =
        secret.isPresent() ? Optional.empty() : Optional.of(settings.generateSecret(random));
    String chosen = secret.or(() -> generated).orElseThrow();
    settings
        .secretProblem(chosen)
        .ifPresent(problem -> found.add(new FieldViolation("secret", problem)));
    if (!found.isEmpty()) {
      throw new InvalidSourceException(found);
    }
    return new Built(
        new InboundSource(
            id, realmId, settings, chosen, type.orElseThrow(), delivery, status, origin),
        generated);
  }

  private static <T> Optional<T> parsed(
      List<FieldViolation> found, String field, Optional<String> text, Function<String, T> parser) {
    if (text.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(parser.apply(text.get()));
    } catch (IllegalArgumentException e) {
      found.add(new FieldViolation(field, e.getMessage()));
      return Optional.empty();
    }
  }
}
