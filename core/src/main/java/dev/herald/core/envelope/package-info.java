/** The event envelope: validation, event-type syntax and patterns, ids, JSON rendering. */
package dev.herald.core.envelope;
