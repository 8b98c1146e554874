package dev.herald.host;

import com.linecorp.armeria.client.WebClient;
import com.linecorp.armeria.client.WebClientBuilder;
import com.linecorp.armeria.common.AggregatedHttpResponse;
import com.linecorp.armeria.common.MediaType;
import com.linecorp.armeria.common.auth.AuthToken;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One answer of {@code GET /metrics}: its status, content type and samples, read from the
 * Prometheus text format.
 */
record MetricsScrape(int status, String contentType, String text) {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\\{(.*)})? (\\S+)$");
  private static final Pattern LABEL = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_]*)=\"([^\"]*)\"");

  /** Scrapes {@code baseUrl} with {@code token} (null: none). */
  static MetricsScrape of(String baseUrl, String token) {
    WebClientBuilder builder = WebClient.builder(baseUrl).responseTimeout(Duration.ofSeconds(30));
    if (token != null) {
      builder.auth(AuthToken.ofOAuth2(token));
    }
    AggregatedHttpResponse response = builder.build().blocking().get("/metrics");
    MediaType type = response.headers().contentType();
    return new MetricsScrape(
        response.status().code(), type == null ? "" : type.toString(), response.contentUtf8());
  }

  /** Returns whether any sample of {@code name} carries every label of {@code labels}. */
  boolean has(String name, String... labels) {
    return sum(name, labels) != null;
  }

  /**
   * Returns the sum of the samples of {@code name} that carry every label of {@code labels} (name,
   * value, name, value, ...), or 0 when there is none.
   */
  double value(String name, String... labels) {
    Double sum = sum(name, labels);
    return sum == null ? 0 : sum;
  }

  private Double sum(String name, String... labels) {
    Map<String, String> wanted = new HashMap<>();
    for (int i = 0; i < labels.length; i += 2) {
      wanted.put(labels[i], labels[i + 1]);
    }
    Double sum = null;
    for (String line : text.split("\n")) {
      Matcher sample = SAMPLE.matcher(line.strip());
      if (line.startsWith("#") || !sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      Map<String, String> found = new HashMap<>();
      if (sample.group(2) != null) {
        Matcher label = LABEL.matcher(sample.group(2));
        while (label.find()) {
          found.put(label.group(1), label.group(2));
        }
      }
      if (found.entrySet().containsAll(wanted.entrySet())) {
        sum = (sum == null ? 0 : sum) + Double.parseDouble(sample.group(3));
      }
    }
    return sum;
  }
}
