/** Fixtures for the sample plugins' tests: plugin child processes and test events. */
package dev.herald.sample.testing;
