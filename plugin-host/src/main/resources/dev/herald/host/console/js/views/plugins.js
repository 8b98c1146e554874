// Plugins: whether each is serving, how often it restarted, what it subscribes to; pause, resume.
import { api, seg } from '../api.js';
import { h, replace } from '../dom.js';
import { count, enumLabel, time } from '../format.js';
import { href } from '../nav.js';
import { session } from '../session.js';
import { badge, busy, every, notify, table } from '../ui.js';
import { breakerBadge, resume, waiting } from './targets.js';

function subscriptions(p) {
  return (p.subscriptions ?? []).map((s) => h('div', { class: 'mono' },
    s.event_types.join(' '),
    s.realms?.length ? ` in ${s.realms.map((r) => r || "''").join(', ')}` : '',
    s.content_pattern ? ` where ${s.content_pattern}` : ''));
}

function pauseOrResume(p) {
  if (!p.paused && !p.auto_disabled_at) return api.post(`/plugins/${seg(p.id)}:pause`, {});
  return resume(`/plugins/${seg(p.id)}`, p);
}

export async function plugins(view) {
  const rows = h('div', {});
  const load = async () => {
    const list = await api.get('/plugins', session.scope());
    replace(rows, table([
      { label: 'Plugin', cell: (p) => [h('strong', {}, p.id), h('div', { class: 'muted' }, `${p.name} ${p.version}`, p.managed ? '' : ' (remote)')] },
      { label: 'State', cell: (p) => [badge(p.paused ? 'paused' : enumLabel(p.state, 'PLUGIN_STATE_')),
        p.healthy ? '' : [' ', badge('unhealthy')], p.disabled_reason ? h('div', { class: 'muted' }, p.disabled_reason) : ''] },
      { label: 'Restarts', num: true, cell: (p) => [count(p.restarts), p.last_restart_at ? h('div', { class: 'muted' }, time(p.last_restart_at)) : ''] },
      { label: 'Subscriptions', cell: subscriptions },
      { label: 'Waiting', num: true, cell: (p) => h('a', { href: href('deliveries', { plugin_id: p.id }) }, count(waiting(p.stats ?? {}))) },
      { label: 'Dead', num: true, cell: (p) => h('a', { href: href('dead-letters', { plugin_id: p.id }) }, count(p.stats?.dead)) },
      { label: 'Breaker', cell: (p) => breakerBadge(p.circuit_breaker) },
      { label: '', cell: (p) => h('button', {
        type: 'button', 'aria-label': `${p.paused || p.auto_disabled_at ? 'Resume' : 'Pause'} ${p.id}`,
        onclick: async (e) => {
          const done = await busy(e.target, () => pauseOrResume(p));
          if (done) {
            notify(`${p.id} ${done.paused ? 'paused' : 'resumed'}.`);
            await load();
          }
        },
      }, p.paused || p.auto_disabled_at ? 'Resume' : 'Pause') },
    ], list.plugins ?? [], 'No plugins. Put manifests in the plugins folder and reload.'));
  };
  await load();
  replace(view,
    h('h1', {}, 'Plugins'),
    h('div', { class: 'actions' }, h('button', {
      type: 'button',
      onclick: async (e) => {
        const reloaded = await busy(e.target, () => api.post('/plugins:reload', {}));
        if (reloaded) {
          notify('Manifests read again.');
          await load();
        }
      },
    }, 'Reload manifests')),
    rows);
  return every(10000, load);
}
