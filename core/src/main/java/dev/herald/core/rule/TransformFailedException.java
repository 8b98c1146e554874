package dev.herald.core.rule;

/** A transformation that compiled but could not be applied to one event. */
public final class TransformFailedException extends RuntimeException {

  TransformFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
