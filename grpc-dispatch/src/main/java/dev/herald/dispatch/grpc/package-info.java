/**
 * The plugin dispatcher: implements core's {@code Dispatcher} port over grpc-java. Built by the
 * Plugins issue.
 */
package dev.herald.dispatch.grpc;
