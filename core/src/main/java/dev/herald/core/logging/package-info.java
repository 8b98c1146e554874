/** Logging conventions: the key-value pairs log lines carry, and warnings kept from repeating. */
package dev.herald.core.logging;
