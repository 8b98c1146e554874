/**
 * Fixtures for the samples' tests: plugin child processes, test events, the identity REST client.
 */
package dev.herald.sample.testing;
