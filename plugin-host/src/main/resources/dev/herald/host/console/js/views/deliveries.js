// Deliveries: filter them, watch them arrive, open one's attempt timeline, retry it.
import { api, seg } from '../api.js';
import { h, replace } from '../dom.js';
import { count, duration, enumLabel, localInput, rfc3339, target, time } from '../format.js';
import { href, navigate } from '../nav.js';
import { session } from '../session.js';
import { badge, busy, every, facts, field, notify, pager, table } from '../ui.js';

const STATUSES = ['PENDING', 'QUEUED', 'SCHEDULED', 'IN_FLIGHT', 'SUCCEEDED', 'DEAD', 'DISCARDED'];
const FILTERS = ['webhook_id', 'plugin_id', 'status', 'event_type', 'error_class', 'created_after', 'created_before'];

export const statusOf = (d) => enumLabel(d.status, 'DELIVERY_STATUS_');

/** The filter form of a delivery list; submitting it puts the filters in the page address. */
export function filterForm(page, params, { withStatus = true } = {}) {
  const input = (name, attrs = {}) => h('input', { name, value: params.get(name) ?? '', ...attrs });
  const form = h('form', { class: 'filters', role: 'search' },
    field('Webhook', input('webhook_id', { size: 12 })),
    field('Plugin', input('plugin_id', { size: 12 })),
    withStatus ? field('Status', h('select', { name: 'status' },
      h('option', { value: '' }, 'Any'),
      STATUSES.map((s) => h('option', {
        value: `DELIVERY_STATUS_${s}`, selected: params.get('status') === `DELIVERY_STATUS_${s}`,
      }, s.toLowerCase().replace('_', ' '))))) : null,
    field('Event type', input('event_type', { placeholder: 'user.*', size: 12 })),
    field('Error class', input('error_class', { placeholder: 'http_5xx', size: 10 })),
    field('Created after', h('input', { type: 'datetime-local', name: 'created_after', value: localInput(params.get('created_after')) })),
    field('Created before', h('input', { type: 'datetime-local', name: 'created_before', value: localInput(params.get('created_before')) })),
    h('button', { type: 'submit', class: 'primary' }, 'Filter'),
    h('a', { href: `#/${page}` }, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = {};
    for (const name of FILTERS) {
      const el = form.elements[name];
      if (!el) continue;
      values[name] = el.type === 'datetime-local' ? rfc3339(el.value) : el.value.trim();
    }
    navigate(page, values);
  });
  return form;
}

/** The API query of the filters in the page address, scoped to the chosen realm. */
export function query(params) {
  const q = { ...session.scope() };
  for (const name of FILTERS) if (params.get(name)) q[name] = params.get(name);
  return q;
}

/** The columns every delivery list shows; `extra` go first (a checkbox, say). */
export function columns(extra = []) {
  return [
    ...extra,
    { label: 'Id', cell: (d) => h('a', { href: `#/deliveries/${d.id}` }, d.id) },
    { label: 'Created', cell: (d) => time(d.created_at) },
    { label: 'Event type', cell: (d) => d.event_type },
    { label: 'Target', cell: (d) => target(d) },
    { label: 'Status', cell: (d) => badge(statusOf(d)) },
    { label: 'Attempts', num: true, cell: (d) => d.attempt_count },
    { label: 'Last error', cell: (d) => d.last_error },
    { label: 'Next attempt', cell: (d) => (['pending', 'scheduled', 'in flight'].includes(statusOf(d)) ? time(d.next_attempt_at) : '') },
  ];
}

export async function deliveries(view, params) {
  const rows = h('div', {});
  let current = '';
  const list = pager(async (token) => {
    current = token;
    const page = await api.get('/deliveries', { ...query(params), page_size: 50, page_token: token });
    replace(rows, table(columns(), page.deliveries ?? [], 'No deliveries match.'));
    return page.next_page_token;
  });
  const live = h('input', { type: 'checkbox', checked: true, id: 'auto-refresh' });
  await list.first();
  replace(view,
    h('h1', {}, 'Deliveries'),
    filterForm('deliveries', params),
    h('div', { class: 'actions' }, field('Refresh every 5 seconds', live)),
    rows,
    list.element);
  return every(5000, async () => {
    if (!live.checked) return;
    const page = await api.get('/deliveries', { ...query(params), page_size: 50, page_token: current });
    replace(rows, table(columns(), page.deliveries ?? [], 'No deliveries match.'));
  });
}

function attemptTone(a) {
  if (a.outcome === 'succeeded') return 'ok';
  if (a.outcome === 'deferred') return 'warn';
  return 'bad';
}

function timeline(attempts) {
  if (!attempts.length) return h('p', { class: 'muted' }, 'Not attempted yet.');
  return h('ol', { class: 'timeline', 'aria-label': 'Attempts' }, attempts.map((a) =>
    h('li', { class: attemptTone(a) },
      h('strong', {}, `Attempt ${a.attempt} `), badge(a.outcome),
      h('span', { class: 'muted' }, ` ${time(a.started_at)} · ${duration(a.latency)}`),
      facts([
        ['HTTP status', Number(a.http_status) || ''],
        ['gRPC code', a.grpc_code],
        ['Error class', a.error_class],
        ['Error', a.error_message],
        ['Response', a.response_excerpt ? h('pre', {}, a.response_excerpt) : ''],
      ]))));
}

const retryable = (d) => !['succeeded', 'discarded', 'in flight', 'queued'].includes(statusOf(d));

export async function delivery(view, params, id) {
  const render = async () => {
    const d = await api.get(`/deliveries/${seg(id)}`);
    const attempts = [...(d.attempts ?? [])].sort((a, b) => b.attempt - a.attempt);
    replace(view,
      h('h1', {}, `Delivery ${d.id} `, badge(statusOf(d))),
      h('div', { class: 'actions' },
        h('button', {
          type: 'button', class: 'primary', disabled: !retryable(d),
          onclick: async (e) => {
            const path = statusOf(d) === 'dead' ? `/dead-letters/${seg(d.id)}:retry` : `/deliveries/${seg(d.id)}:retry`;
            if (await busy(e.target, () => api.post(path, {}))) {
              notify(`Delivery ${d.id} is due now.`);
              await render();
            }
          },
        }, 'Retry now'),
        h('button', { type: 'button', onclick: render }, 'Refresh'),
        h('a', { class: 'button', href: `#/events/${encodeURIComponent(d.event_id)}` }, 'Its event')),
      h('section', { class: 'panel' }, facts([
        ['Event', h('a', { href: `#/events/${encodeURIComponent(d.event_id)}` }, d.event_id)],
        ['Event type', d.event_type],
        ['Realm', d.realm_id || 'default realm'],
        ['Target', d.webhook_id
          ? h('a', { href: `#/webhooks/${encodeURIComponent(d.webhook_id)}` }, target(d))
          : h('a', { href: href('plugins') }, target(d))],
        ['Purpose', enumLabel(d.purpose, 'PURPOSE_')],
        ['Order key', d.order_key],
        ['Attempts', count(d.attempt_count)],
        ['Next attempt', retryable(d) && statusOf(d) !== 'dead' ? time(d.next_attempt_at) : ''],
        ['Last error', d.last_error],
        ['Created', time(d.created_at)],
        ['Updated', time(d.updated_at)],
      ])),
      h('h2', {}, 'Attempt timeline, newest first'),
      h('section', { class: 'panel' }, timeline(attempts)));
  };
  await render();
}
