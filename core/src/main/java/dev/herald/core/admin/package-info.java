/**
 * What operators do to a running Herald, without any transport: manage webhook endpoints, read
 * deliveries and attempts, retry and discard dead letters, replay events, hold plugins. The host's
 * admin API maps these onto gRPC and REST.
 */
package dev.herald.core.admin;
