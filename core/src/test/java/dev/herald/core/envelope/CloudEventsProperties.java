package dev.herald.core.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import dev.herald.proto.event.v1.EventEnvelope;
import io.cloudevents.CloudEvent;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class CloudEventsProperties {

  /** Valid envelopes of every shape; a CloudEvent needs a source, so each names one. */
  @Provide
  Arbitrary<EventEnvelope> envelopes() {
    return EnvelopeArbitraries.validEnvelopes().filter(e -> !e.getSource().isEmpty());
  }

  @Property(tries = 2000)
  void anEnvelopeSurvivesTheCloudEvent(@ForAll("envelopes") EventEnvelope envelope) {
    CloudEvent event = CloudEvents.toCloudEvent(envelope);

    assertThat(CloudEvents.toEnvelope(event)).isEqualTo(envelope);
  }

  @Property
  void everyExtensionNameIsOneTheSpecAllows(@ForAll("envelopes") EventEnvelope envelope) {
    CloudEvent event = CloudEvents.toCloudEvent(envelope);

    assertThat(event.getExtensionNames()).allMatch(name -> name.matches("[a-z0-9]{1,20}"));
  }
}
