package dev.herald.host.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.core.dispatch.TargetRef;
import dev.herald.core.envelope.EnvelopeJson;
import dev.herald.core.rule.EventDocuments;
import dev.herald.core.testing.HeldReload;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A reload of the stored pauses and auto-disables that read before an operator's change was stored
 * must not undo the change when it applies what it read.
 */
class PluginDirectoryReloadTest {

  private final PluginDirectory directory =
      new PluginDirectory(() -> {}, new EventDocuments(EnvelopeJson.withoutTypedPayloads()));
  private final HeldReload race = new HeldReload();

  @Test
  void aStaleReloadDoesNotReleaseAPauseStoredAfterItRead() throws Exception {
    race.race(
        () -> directory.reload(this::nonePausedThenHeld, Map::of),
        () -> directory.setPaused("orders", true));

    assertThat(directory.isPaused("orders")).isTrue();
  }

  @Test
  void aStaleReloadDoesNotLiftAnAutoDisableMadeAfterItRead() throws Exception {
    race.race(
        () -> directory.reload(this::nonePausedThenHeld, Map::of),
        () ->
            directory.targetDisabled(new TargetRef(TargetRef.PLUGIN, "orders"), "failing for 1 h"));

    assertThat(directory.disabledReason("orders")).contains("failing for 1 h");
  }

  private Set<String> nonePausedThenHeld() {
    race.heldAfterRead();
    return Set.of();
  }
}
