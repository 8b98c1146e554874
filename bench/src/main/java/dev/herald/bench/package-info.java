/**
 * Herald's benchmark harness: each scenario measures Herald and the raw building block it rests on
 * in the same run, and reports the ratio; {@code bench/run} runs them all.
 */
package dev.herald.bench;
