/**
 * The batch-draining worker thread that the outbox writer, bus subscribers and outcome recorder
 * share.
 */
package dev.herald.core.worker;
