// The console's shell: sign-in, the header, and the hash router that renders one page at a time.
import { api, whenUnauthenticated } from './api.js';
import { h, replace, formValues } from './dom.js';
import { session, ALL_REALMS } from './session.js';
import { clearError, errorBox, notify } from './ui.js';
import { overview } from './views/overview.js';
import { webhook } from './views/webhook.js';
import { webhooks } from './views/webhooks.js';
import { deliveries, delivery } from './views/deliveries.js';
import { deadLetters } from './views/dead-letters.js';
import { replay } from './views/replay.js';
import { plugins } from './views/plugins.js';
import { events, event } from './views/events.js';
import { apiKeys } from './views/api-keys.js';

// Each route renders into a view and may return a function that stops its refreshes.
const routes = [
  [/^overview$/, overview],
  [/^webhooks$/, webhooks],
  [/^webhooks\/(.+)$/, webhook],
  [/^deliveries$/, deliveries],
  [/^deliveries\/(\d+)$/, delivery],
  [/^dead-letters$/, deadLetters],
  [/^replay$/, replay],
  [/^plugins$/, plugins],
  [/^events$/, events],
  [/^events\/(.+)$/, event],
  [/^api-keys$/, apiKeys],
];

const main = document.getElementById('main');
let stopPage = null;

function currentRoute() {
  const raw = window.location.hash.replace(/^#\/?/, '');
  const [path, query = ''] = raw.split('?');
  return { path: path || 'overview', params: new URLSearchParams(query) };
}

// Counts renders, so a page that finishes loading after the operator moved on is dropped.
let generation = 0;

async function render() {
  if (!session.signedIn()) return;
  const mine = ++generation;
  stopPage?.();
  stopPage = null;
  clearError();
  const { path, params } = currentRoute();
  for (const link of document.querySelectorAll('.top nav a')) {
    const section = link.getAttribute('href').slice(2);
    if (path === section || path.startsWith(`${section}/`)) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
  const found = routes.find(([pattern]) => pattern.test(path));
  if (!found) {
    replace(main, h('h1', {}, 'Not found'), h('p', {}, 'No such page. ', h('a', { href: '#/overview' }, 'Go to the overview.')));
    return;
  }
  const [pattern, page] = found;
  const args = path.match(pattern).slice(1).map(decodeURIComponent);
  replace(main, h('p', { class: 'muted' }, 'Loading…'));
  // The page renders into a view of its own, shown only if it is still the page asked for.
  const view = h('div', {});
  let stop = null;
  try {
    stop = (await page(view, params, ...args)) ?? null;
  } catch (error) {
    replace(view, h('h1', {}, 'Could not load this page'), errorBox(error));
  }
  if (mine !== generation || !session.signedIn()) {
    stop?.();
    return;
  }
  stopPage = stop;
  replace(main, view);
  // Move focus to the new page's heading, so keyboard and screen-reader users start there.
  const heading = main.querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({ preventScroll: true });
    document.title = `${heading.textContent} · Herald`;
  }
}

function showHeader() {
  const caller = session.caller();
  const realms = caller.all_realms ? 'all realms' : `realms ${caller.realms.map((r) => r || "''").join(', ')}`;
  document.getElementById('caller').textContent = `${caller.token_name} (${caller.role}, ${realms})`;
  const select = document.getElementById('realm');
  const choices = session.realmChoices();
  const chosen = session.realm();
  if (caller.all_realms && chosen !== ALL_REALMS) choices.push(chosen);
  replace(select, choices.map((realm) => h('option', { value: realm, selected: realm === chosen },
    realm === ALL_REALMS ? (caller.all_realms ? 'All realms' : 'All my realms') : realm || 'default realm')));
  if (caller.all_realms) select.append(h('option', { value: '?' }, 'Another realm…'));
  document.getElementById('top').hidden = false;
}

function signInPage(message) {
  document.getElementById('top').hidden = true;
  const token = h('input', { type: 'password', name: 'token', id: 'token', autocomplete: 'off', required: true });
  const form = h('form', { class: 'panel signin', 'aria-labelledby': 'signin-title' },
    h('h1', { id: 'signin-title' }, 'Sign in to Herald'),
    h('p', { class: 'muted' }, 'Use an API key, or a token from api.tokens in the config file. It stays in this tab only and is forgotten when the tab closes.'),
    message ? errorBox({ message }) : null,
    h('label', {}, 'API token', token),
    h('div', { class: 'actions' }, h('button', { class: 'primary', type: 'submit' }, 'Sign in')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    await signIn(formValues(form).token);
  });
  replace(main, form);
  token.focus();
}

async function signIn(token) {
  session.tryToken(token);
  try {
    const caller = await api.get('/caller');
    session.start(token, caller);
  } catch (error) {
    session.end();
    signInPage(error.message);
    return;
  }
  showHeader();
  if (!window.location.hash || window.location.hash === '#/') window.location.hash = '#/overview';
  else render();
}

function signOut(message) {
  stopPage?.();
  stopPage = null;
  session.end();
  signInPage(message);
}

document.getElementById('sign-out').addEventListener('click', () => signOut());
document.getElementById('realm').addEventListener('change', (e) => {
  let realm = e.target.value;
  if (realm === '?') {
    realm = window.prompt('Realm id (empty for the default realm)', '') ?? ALL_REALMS;
  }
  session.chooseRealm(realm);
  showHeader();
  notify(`Showing ${realm === ALL_REALMS ? 'all realms' : realm || 'the default realm'}.`);
  render();
});
whenUnauthenticated((error) => signOut(error.message));
window.addEventListener('hashchange', render);

// A token kept from earlier in this tab (a reload) signs in again by itself.
const kept = session.token();
if (kept) signIn(kept);
else signInPage();
