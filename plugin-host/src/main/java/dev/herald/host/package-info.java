/** The runnable Herald server. */
package dev.herald.host;
