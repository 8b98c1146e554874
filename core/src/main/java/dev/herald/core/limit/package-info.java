/** Rate limits: rates as configured ({@code 50/s}) and token buckets kept per key. */
package dev.herald.core.limit;
