package dev.herald.host;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The API tokens the admin ITs configure, and the {@code api} section that declares them. */
final class ApiTokens {

  /** An admin token for every realm. */
  static final String ADMIN = "admin-token-for-every-realm";

  /** An admin token for realm {@code acme} only. */
  static final String ACME_ADMIN = "admin-token-for-acme";

  /** A publisher token for realm {@code acme} only. */
  static final String ACME_PUBLISHER = "publisher-token-for-acme";

  /** A reader token for every realm. */
  static final String READER = "reader-token-for-every-realm";

  private ApiTokens() {}

  /** Returns the {@code api} section: the four tokens, by hash, and http allowed to 127.0.0.1. */
  static String apiSection() {
    return """
        api:
          allow_http_hosts: [127.0.0.1]
          tokens:
            - name: ops
              role: admin
              sha256: %s
            - name: acme-ops
              role: admin
              sha256: %s
              realms: [acme]
            - name: acme-publisher
              role: publisher
              sha256: %s
              realms: [acme]
            - name: auditor
              role: reader
              sha256: %s
        """
        .formatted(sha256(ADMIN), sha256(ACME_ADMIN), sha256(ACME_PUBLISHER), sha256(READER));
  }

  static String sha256(String token) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
