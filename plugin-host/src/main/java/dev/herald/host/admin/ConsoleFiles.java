package dev.herald.host.admin;

import com.linecorp.armeria.common.HttpHeaderNames;
import com.linecorp.armeria.common.HttpResponse;
import com.linecorp.armeria.common.HttpStatus;
import com.linecorp.armeria.common.ServerCacheControl;
import com.linecorp.armeria.server.HttpService;
import com.linecorp.armeria.server.ServerBuilder;
import com.linecorp.armeria.server.file.FileService;

/**
 * The web console: static files inside the jar, served under {@code /console/}. It is a client of
 * the public REST API like any other, so it needs no token to load and no route of its own.
 */
final class ConsoleFiles {

  static final String PATH = "/console/";

  /** Where the files are on the class path (plugin-host/src/main/resources). */
  private static final String RESOURCES = "dev/herald/host/console";

  /**
   * Only Herald's own scripts, styles and API: no inline script, no other origin, no framing. A
   * page that can reach nothing else cannot leak the token it holds.
   */
  private static final String CONTENT_SECURITY_POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
          + "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
          + "frame-ancestors 'none'";

  private ConsoleFiles() {}

  /** Adds {@code /console/} and a redirect to it from {@code /console}. */
  static void addTo(ServerBuilder sb) {
    HttpService files =
        FileService.builder(ConsoleFiles.class.getClassLoader(), RESOURCES)
            // Revalidated by ETag on every load, so an upgraded Herald never serves stale files.
            .cacheControl(ServerCacheControl.REVALIDATED)
            .build()
            .decorate(
                (delegate, ctx, req) -> {
                  ctx.mutateAdditionalResponseHeaders(
                      headers ->
                          headers
                              .set(HttpHeaderNames.CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY)
                              .set(HttpHeaderNames.X_CONTENT_TYPE_OPTIONS, "nosniff")
                              .set(HttpHeaderNames.REFERRER_POLICY, "no-referrer")
                              .set(HttpHeaderNames.X_FRAME_OPTIONS, "DENY"));
                  return delegate.serve(ctx, req);
                });
    sb.serviceUnder(PATH, files);
    sb.service("/console", (ctx, req) -> HttpResponse.ofRedirect(HttpStatus.FOUND, PATH));
  }
}
