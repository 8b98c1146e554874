package dev.herald.host.config;

import dev.herald.core.net.AddressPolicy;
import java.util.List;

/**
 * Where webhooks may go: internal addresses are denied unless listed here.
 *
 * @param allow addresses ({@code 127.0.0.1}, {@code ::1}), blocks ({@code 10.1.0.0/16}) and host
 *     names ({@code hooks.internal}) webhooks may reach even though they are internal; plain http
 *     is allowed only to these
 */
public record NetworkConfig(List<String> allow) {

  public NetworkConfig {
    allow = List.copyOf(allow);
    // Fails fast on an entry no mapper checked (a config built in code).
    AddressPolicy.allowing(allow);
  }

  /** Returns the default: nothing allowed beyond public addresses. */
  public static NetworkConfig ofDefaults() {
    return new NetworkConfig(List.of());
  }

  /** Returns the address policy webhooks are sent under. */
  public AddressPolicy policy() {
    return AddressPolicy.allowing(allow);
  }
}
