/** Sample plugins and the sample identity service. Built by the Plugins and Identity issues. */
package dev.herald.sample;
