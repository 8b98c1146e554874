/**
 * Event export: {@link dev.herald.host.export.ExportFormat JSON lines or CSV}, written page by page
 * from {@link dev.herald.core.admin.EventExport}'s cursor, by {@code herald export} and by {@code
 * GET /api/v1/events:export}.
 */
package dev.herald.host.export;
