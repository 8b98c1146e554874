/**
 * The router: fan-out into deliveries, leased claims, per-target concurrency, outcome recording.
 */
package dev.herald.core.route;
