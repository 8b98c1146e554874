package dev.herald.dispatch.http;

import static java.util.Objects.requireNonNull;

import com.linecorp.armeria.common.MediaType;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What one attempt sends besides Herald's own headers: the body bytes (signed as they are), their
 * content type, and the headers the body format adds (a binary CloudEvent's {@code ce-*}).
 */
record RenderedBody(byte[] bytes, MediaType contentType, Map<String, String> headers) {

  RenderedBody {
    requireNonNull(bytes, "bytes");
    requireNonNull(contentType, "contentType");
    headers = Collections.unmodifiableMap(new LinkedHashMap<>(headers));
  }

  /** Returns a JSON body that adds no headers: Herald's own format. */
  static RenderedBody json(byte[] bytes) {
    return new RenderedBody(bytes, MediaType.JSON, Map.of());
  }
}
