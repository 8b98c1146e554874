/**
 * Herald's samples: the plugins {@code audit} (Java) beside {@code plugin}, the handshake and
 * server any Java plugin can reuse, and {@code identity}, a sample identity service that emits
 * identity events. The Node.js sample plugin lives in {@code plugins-sample/node-plugin/}.
 */
package dev.herald.sample;
