/**
 * API keys created over the admin API: their table ({@link dev.herald.core.apikey.ApiKeyStore}),
 * the commands on them ({@link dev.herald.core.apikey.ApiKeys}), how a presented key is checked
 * ({@link dev.herald.core.apikey.KeyCheck}) and how its use is counted off the request path ({@link
 * dev.herald.core.apikey.KeyUsage}). Only a key's SHA-256 is stored.
 */
package dev.herald.core.apikey;
