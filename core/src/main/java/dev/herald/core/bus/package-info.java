/** The in-process broadcast bus: non-blocking publish, one bounded queue per subscriber. */
package dev.herald.core.bus;
