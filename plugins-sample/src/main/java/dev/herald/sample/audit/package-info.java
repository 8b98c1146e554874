/** The audit-log sample plugin: appends every delivered event as one JSON line to a file. */
package dev.herald.sample.audit;
