/**
 * Plugins: manifests, the go-plugin handshake, process supervision and the directory the router
 * reads to route events to plugins.
 */
package dev.herald.host.plugin;
