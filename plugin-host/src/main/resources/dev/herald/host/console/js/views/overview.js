// The overview: is Herald delivering, what is failing, and where is work piling up.
import { api } from '../api.js';
import { h, replace } from '../dom.js';
import { lineChart } from '../chart.js';
import { count, duration, percent } from '../format.js';
import { href } from '../nav.js';
import { session } from '../session.js';
import { badge, every, table } from '../ui.js';
import { breakerBadge, loadTargets, oldestAge, openBreaker, waiting } from './targets.js';

const WINDOW = '3600s';
const BUCKET = '60s';

function cards(activity, targets) {
  const buckets = activity.buckets ?? [];
  const succeeded = buckets.reduce((n, b) => n + Number(b.succeeded), 0);
  const failed = buckets.reduce((n, b) => n + Number(b.failed), 0);
  const dead = targets.reduce((n, t) => n + Number(t.stats.dead ?? 0), 0);
  const card = (label, value, link) => h('div', { class: 'card' },
    h('div', { class: 'value' }, link ? h('a', { href: link }, value) : value), h('div', { class: 'label' }, label));
  return h('div', { class: 'cards' },
    card('delivered in the last hour', count(succeeded)),
    card('attempts failed', percent(failed, succeeded + failed)),
    card('deliveries waiting', count(activity.backlog)),
    card('dead letters', count(dead), href('dead-letters')));
}

function charts(activity) {
  const from = new Date(activity.from);
  const to = new Date(activity.to);
  const buckets = (activity.buckets ?? []).map((b) => ({ ...b, t: new Date(b.start) }));
  const rate = (b) => {
    const attempts = Number(b.succeeded) + Number(b.failed);
    return attempts ? (100 * Number(b.failed)) / attempts : null;
  };
  const panel = (title, chart) => h('section', { class: 'panel' }, h('h2', {}, title), chart);
  return h('div', { class: 'grid' },
    panel('Delivered per minute', lineChart({
      title: 'Delivered per minute', from, to, tone: 'ok',
      points: buckets.map((b) => ({ t: b.t, v: Number(b.succeeded) })),
      format: (v) => count(Math.round(v)),
    })),
    panel('Failed attempts, %', lineChart({
      title: 'Failed attempts', from, to, tone: 'bad', max: 100,
      points: buckets.map((b) => ({ t: b.t, v: rate(b) })),
      format: (v) => `${Math.round(v)} %`,
    })),
    panel('Backlog', lineChart({
      title: 'Deliveries waiting', from, to, tone: 'info',
      points: buckets.map((b) => ({ t: b.t, v: b.has_backlog ? Number(b.backlog) : null })),
      format: (v) => count(Math.round(v)),
    })));
}

function targetLink(t) {
  return h('a', { href: t.link }, `${t.kind} ${t.id}`);
}

function trouble(targets) {
  const oldest = targets.filter((t) => oldestAge(t) > 0)
    .sort((a, b) => oldestAge(b) - oldestAge(a)).slice(0, 8);
  const breakers = targets.filter((t) => openBreaker(t.breaker));
  const down = targets.filter((t) => t.kind === 'plugin' && !t.plugin.paused
    && (t.plugin.state !== 'PLUGIN_STATE_SERVING' || !t.plugin.healthy));
  return [
    h('h2', {}, 'Oldest waiting deliveries'),
    table([
      { label: 'Target', cell: targetLink },
      { label: 'Status', cell: (t) => badge(t.status) },
      { label: 'Waiting', num: true, cell: (t) => h('a', { href: href('deliveries', t.filter) }, count(waiting(t.stats))) },
      { label: 'Oldest for', num: true, cell: (t) => duration(oldestAge(t)) },
    ], oldest, 'Nothing is waiting.'),
    h('h2', {}, 'Circuit breakers not closed'),
    table([
      { label: 'Target', cell: targetLink },
      { label: 'Breaker', cell: (t) => breakerBadge(t.breaker) },
      { label: 'Failures in a row', num: true, cell: (t) => count(t.breaker.consecutive_failures) },
    ], breakers, 'Every breaker is closed.'),
    h('h2', {}, 'Plugins not serving'),
    table([
      { label: 'Plugin', cell: targetLink },
      { label: 'State', cell: (t) => badge(t.status) },
      { label: 'Reason', cell: (t) => t.plugin.disabled_reason },
    ], down, 'Every plugin is serving.'),
  ];
}

export async function overview(view) {
  const body = h('div', {});
  const load = async () => {
    const [activity, targets] = await Promise.all([
      api.get('/activity', { ...session.scope(), window: WINDOW, bucket: BUCKET }),
      loadTargets(),
    ]);
    replace(body, cards(activity, targets), charts(activity), trouble(targets));
  };
  await load();
  replace(view, h('h1', {}, 'Overview'), h('p', { class: 'muted' }, 'The last hour, refreshed every 15 seconds.'), body);
  return every(15000, load);
}
