/**
 * Secrets at rest: webhook secrets are sealed with AES-256-GCM under data keys, kept in {@code
 * secret_keys} wrapped under a master key that never enters the database. Rotation adds a data key
 * and re-seals every secret under it while the older keys keep opening what they sealed.
 */
package dev.herald.core.secret;
