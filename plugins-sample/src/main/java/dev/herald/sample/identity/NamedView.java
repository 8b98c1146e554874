package dev.herald.sample.identity;

/** A group or a role as the API shows it and as its row holds it. */
record NamedView(String id, String name, String description) {}
