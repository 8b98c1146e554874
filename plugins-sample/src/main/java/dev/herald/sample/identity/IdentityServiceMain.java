package dev.herald.sample.identity;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Runs the sample identity service until SIGTERM or Ctrl-C, configured by {@code IDENTITY_DATABASE}
 * or {@code IDENTITY_DATABASE_URL}, {@code IDENTITY_PORT} and {@code IDENTITY_REALM}.
 */
public final class IdentityServiceMain {

  private IdentityServiceMain() {}

  /** Starts the service and stops it on shutdown. */
  public static void main(String[] args) {
    IdentitySettings settings;
    try {
      settings = IdentitySettings.fromEnvironment(System.getenv());
    } catch (IllegalArgumentException e) {
      System.err.println("identity-sample: " + e.getMessage());
      System.exit(2);
      return;
    }
    IdentityService service =
        IdentityService.start(settings, Clock.systemUTC(), new SecureRandom());
    Runtime.getRuntime().addShutdownHook(new Thread(service::close, "identity-sample-stop"));
    System.err.printf(
        "identity-sample: serving http://127.0.0.1:%d (realm %s), database %s%n",
        service.port(), settings.realm(), settings.describeDatabase());
    service.awaitClosed();
  }
}
