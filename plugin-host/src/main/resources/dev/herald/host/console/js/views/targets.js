// Webhooks and plugins seen side by side as delivery targets (the overview and the lists use it).
import { api } from '../api.js';
import { h } from '../dom.js';
import { count, enumLabel, seconds } from '../format.js';
import { session } from '../session.js';
import { badge, field, formDialog } from '../ui.js';

/** Every webhook and plugin the token may see in the chosen realm, as targets. */
export async function loadTargets() {
  const scope = session.scope();
  const [webhooks, plugins] = await Promise.all([
    api.get('/webhooks', { ...scope, page_size: 1000 }),
    api.get('/plugins', scope),
  ]);
  return [
    ...(webhooks.webhooks ?? []).map((w) => ({
      kind: 'webhook', id: w.id, status: enumLabel(w.status, 'WEBHOOK_STATUS_'), stats: w.stats ?? {},
      breaker: w.circuit_breaker, filter: { webhook_id: w.id }, link: `#/webhooks/${encodeURIComponent(w.id)}`,
    })),
    ...(plugins.plugins ?? []).map((p) => ({
      kind: 'plugin', id: p.id, status: p.paused ? 'paused' : enumLabel(p.state, 'PLUGIN_STATE_'),
      stats: p.stats ?? {}, breaker: p.circuit_breaker, filter: { plugin_id: p.id }, link: '#/plugins',
      plugin: p,
    })),
  ];
}

/** Deliveries waiting for a target: pending, scheduled and in flight. */
export function waiting(stats) {
  return Number(stats.pending ?? 0) + Number(stats.scheduled ?? 0) + Number(stats.in_flight ?? 0);
}

/** A breaker's state as a label, or '' when it is closed (or the target has none). */
export function openBreaker(breaker) {
  const state = enumLabel(breaker?.state, 'CIRCUIT_STATE_');
  return state === 'open' || state === 'half open' ? state : '';
}

/** A badge for a breaker that is not closed, else nothing. */
export function breakerBadge(breaker) {
  const state = openBreaker(breaker);
  return state ? badge(state) : '';
}

export const oldestAge = (target) => seconds(target.stats.oldest_waiting_age);

/**
 * Resumes a webhook or a plugin (`path` is /webhooks/{id} or /plugins/{id}). When it missed events
 * while auto-disabled, asks first whether to replay them.
 */
export function resume(path, target) {
  if (Number(target.missed_events) > 0) {
    return formDialog(`Resume ${target.id}`, [
      h('p', { class: 'wide' }, `It missed ${count(target.missed_events)} events while disabled.`),
      field('Replay the missed events', h('input', { type: 'checkbox', name: 'replay_missed', checked: true })),
    ], 'Resume', (v) => api.post(`${path}:resume`, { replay_missed: v.replay_missed }));
  }
  return api.post(`${path}:resume`, {});
}
