/**
 * Webhook endpoints, their subscriptions and static headers: the model, the rules of its headers,
 * its store and its in-memory directory.
 */
package dev.herald.core.webhook;
