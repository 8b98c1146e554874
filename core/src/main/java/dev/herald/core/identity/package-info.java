/**
 * Identity events: the catalogue of user, group and role event types with their typed payloads
 * ({@code herald.identity.v1}), and a typed API that emits them.
 */
package dev.herald.core.identity;
