/** Webhook endpoints and their subscriptions: the model, its store and its in-memory directory. */
package dev.herald.core.webhook;
