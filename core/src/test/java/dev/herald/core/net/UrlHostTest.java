package dev.herald.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UrlHostTest {

  @ParameterizedTest
  @CsvSource({
    "http://2130706433/, 2130706433",
    "http://0x7f.1:8080/x, 0x7f.1",
    "http://127.1/, 127.1",
    "http://0177.0.0.1/, 0177.0.0.1",
    "https://[::FFFF:127.0.0.1]:443/, ::ffff:127.0.0.1",
    "https://user@Example.COM/, example.com",
  })
  void findsTheHostAUriCannotName(String url, String host) {
    assertThat(UrlHost.of(URI.create(url))).hasValue(host);
  }
}
