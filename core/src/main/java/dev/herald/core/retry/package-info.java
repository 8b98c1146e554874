/** Retry schedules: backoff with jitter, then dead letter. */
package dev.herald.core.retry;
