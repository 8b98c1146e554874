/** The {@code herald} command line. */
package dev.herald.host.cli;
