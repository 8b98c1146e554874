// API keys: who may call Herald, with which role and realms; create one (shown once), revoke one.
import { api, seg } from '../api.js';
import { h, replace } from '../dom.js';
import { count, rfc3339, time } from '../format.js';
import { navigate } from '../nav.js';
import { ALL_REALMS, session } from '../session.js';
import { badge, busy, confirm, field, formDialog, notify, pager, showSecret, table } from '../ui.js';
import { words } from './inputs.js';

const ROLES = [
  ['reader', 'reader: lists and gets only'],
  ['publisher', 'publisher: publishes events only'],
  ['admin', 'admin: everything in its realms'],
];

function state(key) {
  if (key.revoked_at) return [badge('revoked'), h('div', { class: 'muted' }, time(key.revoked_at))];
  if (key.expires_at && new Date(key.expires_at) <= new Date()) return badge('expired');
  return badge('active');
}

function realms(key) {
  return key.all_realms ? 'all realms' : (key.realm_ids ?? ['']).map((r) => r || 'default realm').join(', ');
}

async function create() {
  const chosen = session.realm();
  const created = await formDialog('New API key', [
    h('div', { class: 'wide' }, field('Description', h('input', { name: 'description', required: true, maxlength: 200, placeholder: 'CRM sync, read only' }))),
    field('Role', h('select', { name: 'role' }, ROLES.map(([value, label]) => h('option', { value }, label)))),
    field('Expires (optional)', h('input', { name: 'expires_at', type: 'datetime-local' })),
    h('div', { class: 'wide' }, field('Realms', h('input', {
      name: 'realm_ids', value: chosen === ALL_REALMS ? '' : chosen, placeholder: 'acme beta',
    }), 'Realm ids separated by spaces or commas.')),
    field('All realms', h('input', { type: 'checkbox', name: 'all_realms' })),
  ], 'Create', (v) => api.post('/api-keys', {
    description: v.description,
    role: v.role,
    realm_ids: v.all_realms ? [] : words(v.realm_ids),
    all_realms: v.all_realms,
    expires_at: rfc3339(v.expires_at) || undefined,
  }));
  if (!created) return;
  await showSecret(`API key ${created.api_key.prefix}…`, created.key,
    'Send it as "authorization: Bearer <key>". It is shown only now; Herald keeps only its hash.');
  navigate('api-keys');
}

async function revoke(key, button, reload) {
  if (!(await confirm(`Revoke ${key.prefix}…`, `Every node refuses "${key.description}" from its next call on. This cannot be undone.`, 'Revoke'))) return;
  if (await busy(button, () => api.post(`/api-keys/${seg(key.id)}:revoke`, {}))) {
    notify(`Revoked ${key.prefix}….`);
    await reload();
  }
}

export async function apiKeys(view) {
  const rows = h('div', {});
  const list = pager(async (token) => {
    const page = await api.get('/api-keys', { page_size: 100, page_token: token });
    replace(rows, table([
      { label: 'Key', cell: (k) => [h('span', { class: 'mono' }, `${k.prefix}…`), h('div', { class: 'muted' }, k.description)] },
      { label: 'Role', cell: (k) => k.role },
      { label: 'Realms', cell: realms },
      { label: 'State', cell: state },
      { label: 'Expires', cell: (k) => time(k.expires_at) || 'never' },
      { label: 'Last used', cell: (k) => time(k.last_used_at) || 'never' },
      { label: 'Calls', num: true, cell: (k) => count(k.usage_count) },
      { label: 'Created', cell: (k) => [time(k.created_at), h('div', { class: 'muted' }, `by ${k.created_by}`)] },
      { label: '', cell: (k) => (k.revoked_at ? '' : h('button', {
        type: 'button', class: 'danger', 'aria-label': `Revoke ${k.prefix}`,
        onclick: (e) => revoke(k, e.target, () => list.first()),
      }, 'Revoke')) },
    ], page.api_keys ?? [], 'No API keys yet: only the tokens in the config file.'));
    return page.next_page_token;
  });
  await list.first();
  replace(view,
    h('h1', {}, 'API keys'),
    h('p', { class: 'muted' }, 'Keys made here work at once on every node; a revoked or expired key is refused on its next call. Tokens in the config file do not show here.'),
    h('div', { class: 'actions' },
      h('button', { type: 'button', class: 'primary', onclick: create }, 'New API key')),
    rows,
    list.element);
}
