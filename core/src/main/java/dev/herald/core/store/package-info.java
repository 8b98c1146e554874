/** Database access: the single-writer SQLite database and schema migration. */
package dev.herald.core.store;
