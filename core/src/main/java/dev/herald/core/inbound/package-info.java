/**
 * Inbound webhooks: sources that POST to Herald, the verifiers that check their signatures or
 * tokens, and the mapping of a verified request to an event published like any other. No HTTP types
 * here: a request is a case-insensitive header map and the body's bytes.
 */
package dev.herald.core.inbound;
