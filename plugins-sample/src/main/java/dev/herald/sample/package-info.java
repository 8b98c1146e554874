/**
 * Sample Herald plugins: {@code audit} (Java) beside {@code plugin}, the handshake and server any
 * Java plugin can reuse. The Node.js sample lives in {@code plugins-sample/node-plugin/}.
 */
package dev.herald.sample;
