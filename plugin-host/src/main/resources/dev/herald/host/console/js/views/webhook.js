// One webhook: what it is, how it is doing, and everything an operator does to it.
import { api, seg } from '../api.js';
import { h, replace } from '../dom.js';
import { count, duration, enumLabel, seconds, time } from '../format.js';
import { href, navigate } from '../nav.js';
import { badge, busy, confirm, facts, field, formDialog, notify, showSecret, table } from '../ui.js';
import { breakerBadge, openBreaker, resume } from './targets.js';
import { bodyFormatSelect, headerLines } from './inputs.js';

const isConfigured = (w) => w.source === 'WEBHOOK_SOURCE_CONFIG';

function describe(w) {
  const headers = Object.entries(w.headers ?? {});
  return facts([
    ['URL', h('span', { class: 'mono' }, w.url)],
    ['Realm', w.realm_id || 'default realm'],
    ['Status', [badge(enumLabel(w.status, 'WEBHOOK_STATUS_')), w.status_reason ? ` ${w.status_reason}` : '']],
    ['Declared in', isConfigured(w) ? 'the config file (change it there, then reload)' : 'the API'],
    ['Timeout', duration(w.timeout)],
    ['Max in flight', w.max_in_flight],
    ['Rate limit', w.rate_limit],
    ['Body format', w.body_format || 'herald'],
    ['Headers', headers.map(([name, value]) => h('div', { class: 'mono' }, `${name}: ${value}`))],
    ['Ordering', w.ordering?.key ? `by ${w.ordering.key}, on dead: ${w.ordering.on_dead || 'block'}` : ''],
    ['Circuit breaker', openBreaker(w.circuit_breaker)
      ? [breakerBadge(w.circuit_breaker), ` until ${time(w.circuit_breaker.open_until)}`] : 'closed'],
    ['Failing since', time(w.failing_since)],
    ['Auto-disabled at', time(w.auto_disabled_at)],
    ['Missed while disabled', Number(w.missed_events) ? count(w.missed_events) : ''],
    ['Previous secret valid until', time(w.previous_secret_expires_at)],
  ]);
}

function backlog(w) {
  const s = w.stats ?? {};
  return facts([
    ['Pending', h('a', { href: href('deliveries', { webhook_id: w.id, status: 'DELIVERY_STATUS_PENDING' }) }, count(s.pending))],
    ['Scheduled (retrying)', h('a', { href: href('deliveries', { webhook_id: w.id, status: 'DELIVERY_STATUS_SCHEDULED' }) }, count(s.scheduled))],
    ['In flight', count(s.in_flight)],
    ['Dead letters', h('a', { href: href('dead-letters', { webhook_id: w.id }) }, count(s.dead))],
    ['Oldest waiting for', seconds(s.oldest_waiting_age) ? duration(s.oldest_waiting_age) : 'nothing waits'],
    ['Stuck', s.stuck ? badge('stuck') : ''],
  ]);
}

function testResult(result) {
  return h('section', { class: 'panel', id: 'test-result' },
    h('h2', {}, 'Test delivery'),
    facts([
      ['Delivered', result.delivered ? badge('succeeded') : badge('failed')],
      ['Outcome', result.outcome],
      ['HTTP status', Number(result.http_status) || ''],
      ['Latency', duration(result.latency)],
      ['Error', result.error],
      ['Event', result.event_id],
      ['Response', result.response_excerpt ? h('pre', {}, result.response_excerpt) : ''],
    ]));
}

function subscriptions(w, reload) {
  const locked = isConfigured(w);
  const add = h('form', { class: 'filters' },
    field('Event type pattern', h('input', { name: 'pattern', required: true, placeholder: 'user.*' })),
    field('Realm (optional)', h('input', { name: 'realm', placeholder: 'every realm' })),
    h('button', { type: 'submit', disabled: locked }, 'Add subscription'));
  add.addEventListener('submit', async (e) => {
    e.preventDefault();
    const button = e.submitter;
    const created = await busy(button, () => api.post(`/webhooks/${seg(w.id)}/subscriptions`, {
      event_type_pattern: add.elements.pattern.value.trim(),
      realm_id: add.elements.realm.value.trim() || undefined,
    }));
    if (created) {
      notify(`Subscribed to ${created.event_type_pattern}.`);
      reload();
    }
  });
  return [
    h('h2', {}, 'Subscriptions'),
    table([
      { label: 'Event types', cell: (s) => h('span', { class: 'mono' }, s.event_type_pattern) },
      { label: 'Realm', cell: (s) => (s.realm_id == null ? 'every realm' : s.realm_id || 'default realm') },
      { label: 'Content pattern', cell: (s) => h('span', { class: 'mono' }, s.content_pattern) },
      { label: 'Transform', cell: (s) => h('span', { class: 'mono' }, s.transform) },
      { label: '', cell: (s) => h('button', {
        type: 'button', class: 'danger', disabled: locked,
        onclick: async (e) => {
          if (!(await confirm('Remove subscription', `Stop sending ${s.event_type_pattern} to ${w.id}?`, 'Remove'))) return;
          if (await busy(e.target, () => api.delete(`/webhooks/${seg(w.id)}/subscriptions/${seg(s.id)}`))) reload();
        },
      }, 'Remove') },
    ], w.subscriptions ?? [], 'No subscriptions: it receives nothing.'),
    add,
  ];
}

function edit(w) {
  return formDialog(`Edit ${w.id}`, [
    h('div', { class: 'wide' }, field('URL', h('input', { name: 'url', type: 'url', required: true, value: w.url }))),
    field('Timeout', h('input', { name: 'timeout', value: w.timeout ?? '' })),
    field('Max in flight', h('input', { name: 'max_in_flight', type: 'number', min: 1, value: w.max_in_flight })),
    field('Rate limit', h('input', { name: 'rate_limit', value: w.rate_limit, placeholder: 'none' })),
    field('Body format', bodyFormatSelect(w.body_format)),
    h('div', { class: 'wide' }, field('Headers',
      h('textarea', { name: 'headers', value: Object.entries(w.headers ?? {}).map(([n, v]) => `${n}: ${v}`).join('\n') }),
      'One "Name: value" per line; empty removes them all.')),
  ], 'Save', (v) => {
    const headers = headerLines(v.headers);
    return api.patch(`/webhooks/${seg(w.id)}`, {
      url: v.url,
      timeout: v.timeout || undefined,
      max_in_flight: v.max_in_flight ? Number(v.max_in_flight) : undefined,
      rate_limit: v.rate_limit,
      headers,
      clear_headers: Object.keys(headers).length === 0,
      body_format: v.body_format,
    });
  });
}

function pauseOrResume(w) {
  if (w.status === 'WEBHOOK_STATUS_ACTIVE') {
    return formDialog(`Pause ${w.id}`, [
      h('p', { class: 'wide' }, 'Deliveries wait as pending until it is resumed; nothing is dropped.'),
      h('div', { class: 'wide' }, field('Reason (optional)', h('input', { name: 'reason' }))),
    ], 'Pause', (v) => api.post(`/webhooks/${seg(w.id)}:pause`, { reason: v.reason }));
  }
  return resume(`/webhooks/${seg(w.id)}`, w);
}

async function rotate(w) {
  const rotated = await formDialog(`Rotate the secret of ${w.id}`, [
    h('p', { class: 'wide' }, 'The old secret keeps signing beside the new one for the grace period, so receivers can switch without losing requests.'),
    field('Grace period', h('input', { name: 'grace_period', value: '86400s' }), 'Up to 7 days, e.g. 3600s.'),
  ], 'Rotate', (v) => api.post(`/webhooks/${seg(w.id)}:rotateSecret`, { grace_period: v.grace_period || undefined }));
  if (rotated) {
    await showSecret(`New signing secret of ${w.id}`, rotated.secret,
      `Shown only now. The old secret also signs until ${time(rotated.previous_secret_expires_at)}.`);
  }
  return rotated;
}

export async function webhook(view, params, id) {
  const render = async () => {
    const w = await api.get(`/webhooks/${seg(id)}`);
    const result = h('div', {});
    const action = (label, run, attrs = {}) => h('button', {
      type: 'button', ...attrs,
      onclick: async (e) => {
        const done = await busy(e.target, run);
        if (done) await render();
        return done;
      },
    }, label);
    replace(view,
      h('h1', {}, `Webhook ${w.id} `, badge(enumLabel(w.status, 'WEBHOOK_STATUS_'))),
      h('div', { class: 'actions' },
        action(w.status === 'WEBHOOK_STATUS_ACTIVE' ? 'Pause' : 'Resume', () => pauseOrResume(w)),
        h('button', {
          type: 'button',
          onclick: async (e) => {
            const sent = await busy(e.target, () => api.post(`/webhooks/${seg(w.id)}:test`, {}));
            if (sent) replace(result, testResult(sent));
          },
        }, 'Send test event'),
        action('Rotate secret', () => rotate(w)),
        action('Edit', () => edit(w), { disabled: isConfigured(w) }),
        h('button', {
          type: 'button', class: 'danger', disabled: isConfigured(w),
          onclick: async (e) => {
            if (!(await confirm(`Delete ${w.id}`, 'Its waiting deliveries become dead letters. This cannot be undone.', 'Delete'))) return;
            if (await busy(e.target, () => api.delete(`/webhooks/${seg(w.id)}`))) {
              notify(`Deleted ${w.id}.`);
              navigate('webhooks');
            }
          },
        }, 'Delete'),
        h('a', { class: 'button', href: href('deliveries', { webhook_id: w.id }) }, 'Deliveries')),
      result,
      h('section', { class: 'panel' }, describe(w)),
      h('h2', {}, 'Backlog'),
      h('section', { class: 'panel' }, backlog(w)),
      subscriptions(w, render));
  };
  await render();
}
