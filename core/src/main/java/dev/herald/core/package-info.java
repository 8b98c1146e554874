/** Herald's core: the engine that wires bus, outbox, router and dispatchers together. */
package dev.herald.core;
