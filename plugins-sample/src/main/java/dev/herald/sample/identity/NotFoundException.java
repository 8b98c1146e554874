package dev.herald.sample.identity;

/** The user, group, role or link a request names does not exist; answered with 404. */
final class NotFoundException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  NotFoundException(String message) {
    super(message);
  }
}
