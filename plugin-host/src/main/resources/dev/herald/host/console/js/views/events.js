// Events: find one by id, type, subject or correlation id, and see where it went.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { enumLabel, localInput, rfc3339, time } from '../format.js';
import { navigate } from '../nav.js';
import { session } from '../session.js';
import { badge, facts, field, pager, table } from '../ui.js';

const FILTERS = ['event_id', 'event_type', 'subject_type', 'subject_id', 'correlation_id', 'occurred_after', 'occurred_before'];

function searchForm(params) {
  const input = (name, attrs = {}) => h('input', { name, value: params.get(name) ?? '', ...attrs });
  const form = h('form', { class: 'filters', role: 'search' },
    field('Event id', input('event_id', { size: 20 })),
    field('Event type', input('event_type', { placeholder: 'user.*', size: 12 })),
    field('Subject type', input('subject_type', { placeholder: 'user', size: 10 })),
    field('Subject id', input('subject_id', { size: 16 })),
    field('Correlation id', input('correlation_id', { size: 16 })),
    field('Occurred after', h('input', { type: 'datetime-local', name: 'occurred_after', value: localInput(params.get('occurred_after')) })),
    field('Occurred before', h('input', { type: 'datetime-local', name: 'occurred_before', value: localInput(params.get('occurred_before')) })),
    h('button', { type: 'submit', class: 'primary' }, 'Search'),
    h('a', { href: '#/events' }, 'Clear'));
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    const values = {};
    for (const name of FILTERS) {
      const el = form.elements[name];
      values[name] = el.type === 'datetime-local' ? rfc3339(el.value) : el.value.trim();
    }
    navigate('events', values);
  });
  return form;
}

/** Where an event went: one badge per delivery, each a link to it. */
function destinations(deliveries) {
  if (!deliveries?.length) return h('span', { class: 'muted' }, 'not routed yet, or no subscriber');
  return deliveries.map((d) => h('div', {},
    h('a', { href: `#/deliveries/${d.delivery_id}` }, d.target.replace(':', ' ')), ' ', badge(d.status.replace('_', ' '))));
}

const subject = (s) => (s?.id || s?.type ? `${s.type}/${s.id}` : '');

export async function events(view, params) {
  const rows = h('div', {});
  const q = { ...session.scope() };
  for (const name of FILTERS) if (params.get(name)) q[name] = params.get(name);
  const list = pager(async (token) => {
    const page = await api.get('/events', { ...q, page_size: 50, page_token: token });
    replace(rows, table([
      { label: 'Occurred', cell: (e) => time(e.occurred_at) },
      { label: 'Event', cell: (e) => h('a', { href: `#/events/${encodeURIComponent(e.event_id)}`, class: 'mono' }, e.event_id) },
      { label: 'Type', cell: (e) => e.event_type },
      { label: 'Realm', cell: (e) => e.realm_id || 'default' },
      { label: 'Subject', cell: (e) => subject(e.subject) },
      { label: 'Correlation', cell: (e) => h('span', { class: 'mono' }, e.correlation_id) },
      { label: 'Went to', cell: (e) => destinations(e.deliveries) },
    ], page.events ?? [], 'No events match.'));
    return page.next_page_token;
  });
  await list.first();
  replace(view, h('h1', {}, 'Events'), searchForm(params), rows, list.element);
}

export async function event(view, params, id) {
  const found = await api.get(`/events/${encodeURIComponent(id)}`);
  const e = found.event;
  replace(view,
    h('h1', {}, `Event ${e.event_id}`),
    h('section', { class: 'panel' }, facts([
      ['Type', `${e.event_type} v${e.event_version}`],
      ['Realm', e.realm_id || 'default realm'],
      ['Subject', subject(e.subject)],
      ['Sequence', Number(e.sequence) || ''],
      ['Correlation id', e.correlation_id],
      ['Causation id', e.causation_id],
      ['Source', e.source],
      ['Purpose', enumLabel(e.purpose, 'PURPOSE_')],
      ['Occurred', time(e.occurred_at)],
      ['Stored', time(found.stored_at)],
    ])),
    h('h2', {}, 'Where it went'),
    table([
      { label: 'Delivery', cell: (d) => h('a', { href: `#/deliveries/${d.delivery_id}` }, d.delivery_id) },
      { label: 'Target', cell: (d) => d.target.replace(':', ' ') },
      { label: 'Status', cell: (d) => badge(d.status.replace('_', ' ')) },
      { label: 'Attempts', num: true, cell: (d) => d.attempt_count },
      { label: 'Last error', cell: (d) => d.last_error },
    ], found.deliveries ?? [], 'No deliveries: not routed yet, or no subscriber.'),
    h('h2', {}, 'Envelope'),
    h('pre', {}, JSON.stringify(e, null, 2)));
}
