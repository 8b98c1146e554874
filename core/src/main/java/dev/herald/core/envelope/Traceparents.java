package dev.herald.core.envelope;

/** The syntax of a W3C Trace Context version 00 {@code traceparent} header. */
final class Traceparents {

  /** The length of a version 00 traceparent: {@code 00-<32 hex>-<16 hex>-<2 hex>}. */
  static final int LENGTH = 55;

  private Traceparents() {}

  /** Returns whether {@code text} is a version 00 traceparent with non-zero trace and span ids. */
  static boolean isValid(String text) {
    return text.length() == LENGTH
        && text.charAt(0) == '0'
        && text.charAt(1) == '0'
        && text.charAt(2) == '-'
        && text.charAt(35) == '-'
        && text.charAt(52) == '-'
        && isNonZeroHex(text, 3, 35)
        && isNonZeroHex(text, 36, 52)
        && isHex(text, 53, 55);
  }

  private static boolean isNonZeroHex(String text, int from, int to) {
    boolean nonZero = false;
    for (int i = from; i < to; i++) {
      nonZero |= text.charAt(i) != '0';
    }
    return nonZero && isHex(text, from, to);
  }

  private static boolean isHex(String text, int from, int to) {
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
        return false;
      }
    }
    return true;
  }
}
