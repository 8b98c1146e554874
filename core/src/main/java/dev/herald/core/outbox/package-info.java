/** The outbox: storage of accepted events, the group-commit writer and the transactional append. */
package dev.herald.core.outbox;
