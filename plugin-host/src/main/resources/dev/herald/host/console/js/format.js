// How values from the API read on screen: times, durations, statuses, targets.

const pad = (n) => String(n).padStart(2, '0');

/** A timestamp as local time, e.g. 2026-12-04 17:03:12; '' when unset. */
export function time(value) {
  if (!value) return '';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return String(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ` +
      `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
}

/** Seconds from a protobuf Duration in JSON ("1.5s"); 0 when unset. */
export function seconds(duration) {
  if (!duration) return 0;
  return Number.parseFloat(String(duration).replace(/s$/, '')) || 0;
}

/** A duration for people: 850 µs, 12 ms, 3.2 s, 4 min, 2 h 5 min. */
export function duration(value) {
  const s = typeof value === 'number' ? value : seconds(value);
  if (s < 0.001) return `${Math.round(s * 1e6)} µs`;
  if (s < 1) return `${(s * 1000).toFixed(s < 0.01 ? 1 : 0)} ms`;
  if (s < 60) return `${s.toFixed(1)} s`;
  if (s < 3600) return `${Math.round(s / 60)} min`;
  const hours = Math.floor(s / 3600);
  return `${hours} h ${Math.round((s - hours * 3600) / 60)} min`;
}

/** An API enum name without its prefix, lower case: DELIVERY_STATUS_IN_FLIGHT -> in flight. */
export function enumLabel(value, prefix) {
  if (!value) return '';
  return String(value).replace(prefix, '').toLowerCase().replaceAll('_', ' ');
}

/** The badge tone of a delivery, endpoint, plugin or attempt status. */
export function tone(label) {
  switch (label) {
    case 'succeeded': case 'active': case 'serving': case 'closed': case 'ok':
      return 'ok';
    case 'dead': case 'failed': case 'disabled': case 'open': case 'not serving': case 'discarded':
    case 'revoked': case 'expired':
      return 'bad';
    case 'retry': case 'scheduled': case 'paused': case 'half open': case 'restarting':
    case 'deferred': case 'queued': case 'starting':
      return 'warn';
    default:
      return 'info';
  }
}

/** A delivery's target as shown: webhook crm, plugin audit-log. */
export function target(item) {
  if (item.webhook_id) return `webhook ${item.webhook_id}`;
  if (item.plugin_id) return `plugin ${item.plugin_id}`;
  return item.target ? item.target.replace(':', ' ') : '';
}

/** A number with thousands separators. */
export function count(n) {
  return Number(n ?? 0).toLocaleString('en');
}

/** A share as a percentage, or an em dash when there is nothing to share. */
export function percent(part, whole) {
  if (!whole) return '—';
  const p = (100 * part) / whole;
  return `${p >= 99.95 || p === 0 ? p.toFixed(0) : p.toFixed(1)} %`;
}

/** A datetime-local input's value as RFC 3339 (the API's time format); '' stays ''. */
export function rfc3339(localValue) {
  if (!localValue) return '';
  const d = new Date(localValue);
  return Number.isNaN(d.getTime()) ? localValue : d.toISOString();
}

/** An RFC 3339 time as a datetime-local input's value. */
export function localInput(value) {
  if (!value) return '';
  const d = new Date(value);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T` +
      `${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
