// Webhooks: the list with status and recent success, and creating one (its secret shown once).
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { count, enumLabel, percent } from '../format.js';
import { href, navigate } from '../nav.js';
import { ALL_REALMS, session } from '../session.js';
import { badge, field, formDialog, pager, showSecret, table } from '../ui.js';
import { bodyFormatSelect, headerLines, words } from './inputs.js';
import { breakerBadge, waiting } from './targets.js';

/** Attempts per webhook over the last hour: {id: {succeeded, failed}}. */
async function recentAttempts() {
  const activity = await api.get('/activity', { ...session.scope(), window: '3600s', bucket: '3600s' });
  const byId = {};
  for (const t of activity.targets ?? []) {
    if (t.webhook_id) byId[t.webhook_id] = { succeeded: Number(t.succeeded), failed: Number(t.failed) };
  }
  return byId;
}

async function create() {
  const realm = session.realm();
  const created = await formDialog('New webhook', [
    field('Id', h('input', { name: 'id', required: true, autocomplete: 'off' })),
    realm === ALL_REALMS
      ? field('Realm', h('input', { name: 'realm_id', placeholder: 'default realm' }))
      : field('Realm', h('input', { name: 'realm_id', value: realm, readonly: true })),
    h('div', { class: 'wide' }, field('URL', h('input', { name: 'url', type: 'url', required: true, placeholder: 'https://example.com/hooks' }))),
    h('div', { class: 'wide' }, field('Event types', h('input', { name: 'event_types', required: true, placeholder: 'user.* group.created' }), 'Patterns separated by spaces or commas.')),
    field('Timeout', h('input', { name: 'timeout', placeholder: '10s' })),
    field('Max in flight', h('input', { name: 'max_in_flight', type: 'number', min: 1 })),
    field('Rate limit', h('input', { name: 'rate_limit', placeholder: '50/s' })),
    field('Body format', bodyFormatSelect()),
    h('div', { class: 'wide' }, field('Headers', h('textarea', { name: 'headers', placeholder: 'X-Tenant: acme' }), 'One "Name: value" per line, sent with every request.')),
    field('Create paused', h('input', { type: 'checkbox', name: 'paused' })),
  ], 'Create', (v) => api.post('/webhooks', {
    id: v.id,
    realm_id: v.realm_id,
    url: v.url,
    event_types: words(v.event_types),
    timeout: v.timeout || undefined,
    max_in_flight: v.max_in_flight ? Number(v.max_in_flight) : undefined,
    rate_limit: v.rate_limit,
    headers: headerLines(v.headers),
    paused: v.paused,
    body_format: v.body_format,
  }));
  if (!created) return;
  await showSecret(`Signing secret of ${created.webhook.id}`, created.secret,
    'Herald signs every request with this secret. It is shown only now: store it with the receiver.');
  navigate(`webhooks/${encodeURIComponent(created.webhook.id)}`);
}

export async function webhooks(view, params) {
  const status = params.get('status') ?? '';
  const rows = h('div', {});
  const attempts = await recentAttempts();
  const list = pager(async (token) => {
    const page = await api.get('/webhooks', {
      ...session.scope(), status, page_size: 100, page_token: token,
    });
    replace(rows, table([
      { label: 'Id', cell: (w) => h('a', { href: `#/webhooks/${encodeURIComponent(w.id)}` }, w.id) },
      { label: 'URL', cell: (w) => h('span', { class: 'mono' }, w.url) },
      { label: 'Status', cell: (w) => badge(enumLabel(w.status, 'WEBHOOK_STATUS_')) },
      { label: 'Success (1 h)', num: true, cell: (w) => {
        const a = attempts[w.id];
        return a ? percent(a.succeeded, a.succeeded + a.failed) : '—';
      } },
      { label: 'Waiting', num: true, cell: (w) => h('a', { href: href('deliveries', { webhook_id: w.id }) }, count(waiting(w.stats ?? {}))) },
      { label: 'Dead', num: true, cell: (w) => h('a', { href: href('dead-letters', { webhook_id: w.id }) }, count(w.stats?.dead)) },
      { label: 'Breaker', cell: (w) => breakerBadge(w.circuit_breaker) },
    ], page.webhooks ?? [], 'No webhooks yet.'));
    return page.next_page_token;
  });
  const statusFilter = h('select', {
    name: 'status',
    onchange: (e) => navigate('webhooks', { status: e.target.value }),
  }, [['', 'Any'], ['WEBHOOK_STATUS_ACTIVE', 'Active'], ['WEBHOOK_STATUS_PAUSED', 'Paused'],
    ['WEBHOOK_STATUS_DISABLED', 'Disabled']].map(([value, label]) =>
    h('option', { value, selected: value === status }, label)));
  await list.first();
  replace(view,
    h('h1', {}, 'Webhooks'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: create }, 'New webhook'),
      field('Status', statusFilter)),
    rows,
    list.element);
}
