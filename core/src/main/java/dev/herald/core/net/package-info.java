/**
 * Which network addresses Herald may send webhooks to: the deny-by-default rules against
 * server-side request forgery (loopback, private, link-local, ...), the operator's allow-list, and
 * the parsing of every IP spelling a URL may use. Pure logic on {@link java.net.InetAddress}: the
 * HTTP dispatcher applies it after DNS resolution, the admin API and the config file on create.
 */
package dev.herald.core.net;
