/**
 * The server's configuration: typed records read from {@code herald.yaml}, validated at start-up,
 * every problem named by its key path.
 */
package dev.herald.host.config;
