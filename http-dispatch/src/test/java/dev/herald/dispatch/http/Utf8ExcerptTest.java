package dev.herald.dispatch.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

class Utf8ExcerptTest {

  @Property
  void isTheLongestWholeCharacterPrefixWithinTheCap(
      @ForAll @StringLength(max = 100) String text, @ForAll @IntRange(max = 400) int cap) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String wellFormed = new String(bytes, StandardCharsets.UTF_8);

    String excerpt = Utf8Excerpt.decode(Arrays.copyOf(bytes, Math.min(cap, bytes.length)));

    int excerptBytes = excerpt.getBytes(StandardCharsets.UTF_8).length;
    assertThat(excerptBytes).isLessThanOrEqualTo(cap);
    assertThat(wellFormed).startsWith(excerpt);
    if (excerpt.length() < wellFormed.length()) {
      int next = wellFormed.codePointAt(excerpt.length());
      int nextBytes = new String(Character.toChars(next)).getBytes(StandardCharsets.UTF_8).length;
      assertThat(excerptBytes + nextBytes).isGreaterThan(cap);
    }
  }

  @Test
  void dropsACharacterCutInHalf() {
    byte[] bytes = "aé€😀".getBytes(StandardCharsets.UTF_8); // 1 + 2 + 3 + 4 bytes

    assertThat(Utf8Excerpt.decode(Arrays.copyOf(bytes, 2))).isEqualTo("a");
    assertThat(Utf8Excerpt.decode(Arrays.copyOf(bytes, 5))).isEqualTo("aé");
    assertThat(Utf8Excerpt.decode(Arrays.copyOf(bytes, 9))).isEqualTo("aé€");
    assertThat(Utf8Excerpt.decode(bytes)).isEqualTo("aé€😀");
  }

  @Test
  void replacesMalformedBytesWithoutGrowing() {
    byte[] bytes = {(byte) 0xff, 'o', (byte) 0x80, 'k'};

    assertThat(Utf8Excerpt.decode(bytes)).isEqualTo("?o?k");
  }
}
