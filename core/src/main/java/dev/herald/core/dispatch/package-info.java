/** The port between the router and the targets it delivers to. */
package dev.herald.core.dispatch;
