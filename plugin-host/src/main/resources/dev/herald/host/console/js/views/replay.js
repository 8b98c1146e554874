// Replay: choose a window and filters, see what a dry run would send, then run it and watch.
import { api, seg } from '../api.js';
import { formValues, h, replace } from '../dom.js';
import { count, localInput, rfc3339, target, time } from '../format.js';
import { session } from '../session.js';
import { busy, every, facts, field, notify, table } from '../ui.js';
import { words } from './inputs.js';

function request(v, dryRun) {
  return {
    ...session.scope(),
    from_time: v.from_event_id ? undefined : rfc3339(v.from_time) || undefined,
    from_event_id: v.from_event_id || undefined,
    to_time: rfc3339(v.to_time) || undefined,
    event_types: words(v.event_types),
    webhook_id: v.webhook_id || undefined,
    plugin_id: v.plugin_id || undefined,
    rate_per_second: v.rate_per_second ? Number(v.rate_per_second) : undefined,
    max_events: v.max_events ? Number(v.max_events) : undefined,
    dry_run: dryRun,
  };
}

function outcome(result) {
  return facts([
    ['Events', count(result.events)],
    ['Deliveries', count(result.deliveries)],
    ['Re-armed', count(result.re_armed)],
    ['Created', count(result.created)],
    ['Skipped (being attempted)', count(result.skipped_in_flight)],
    ['Last one due at', time(result.last_due_at)],
    ['Cut short by max events', result.truncated ? `yes; the rest starts at event ${result.next_event_id}` : ''],
  ]);
}

function progressOf(run) {
  const p = run.progress ?? {};
  const total = Number(p.total ?? 0);
  const finished = Number(p.succeeded ?? 0) + Number(p.failed ?? 0) + Number(p.superseded ?? 0);
  return { p, total, finished };
}

function progressPanel(run) {
  const { p, total, finished } = progressOf(run);
  return h('section', { class: 'panel', id: 'replay-progress' },
    h('h2', {}, `Replay ${run.id}: `, p.done ? 'done' : 'running'),
    h('progress', { max: total || 1, value: total ? finished : 1, 'aria-label': 'Replay progress' }),
    facts([
      ['Deliveries', count(total)],
      ['Waiting', count(p.waiting)],
      ['In flight', count(p.in_flight)],
      ['Succeeded', count(p.succeeded)],
      ['Failed (dead or discarded)', count(p.failed)],
      ['Re-armed again or removed since', count(p.superseded)],
    ]));
}

async function recentRuns(into) {
  const page = await api.get('/replays', { ...session.scope(), page_size: 10 });
  replace(into, table([
    { label: 'Id', cell: (run) => run.id },
    { label: 'Started', cell: (run) => time(run.started_at) },
    { label: 'By', cell: (run) => run.token_name },
    { label: 'From', cell: (run) => time(run.request?.from_time) || run.request?.from_event_id },
    { label: 'Target', cell: (run) => target(run.request ?? {}) || 'every subscriber' },
    { label: 'Deliveries', num: true, cell: (run) => count(run.progress?.total) },
    { label: 'Progress', cell: (run) => {
      const { p, total, finished } = progressOf(run);
      return p.done ? 'done' : `${count(finished)} of ${count(total)}`;
    } },
  ], page.replays ?? [], 'No replays yet.'));
}

export async function replay(view) {
  const result = h('div', {});
  const progress = h('div', {});
  const runs = h('div', {});
  let checked = null;
  let stopWatching = () => {};
  const form = h('form', { class: 'form panel' },
    field('From', h('input', { type: 'datetime-local', name: 'from_time', value: localInput(new Date(Date.now() - 3600_000)) })),
    field('Or from event id', h('input', { name: 'from_event_id' })),
    field('To (optional)', h('input', { type: 'datetime-local', name: 'to_time' })),
    field('Event types (optional)', h('input', { name: 'event_types', placeholder: 'user.* group.created' })),
    field('Webhook (optional)', h('input', { name: 'webhook_id' })),
    field('Plugin (optional)', h('input', { name: 'plugin_id' })),
    field('Rate per second', h('input', { type: 'number', name: 'rate_per_second', min: 1, placeholder: '100' })),
    field('Max events', h('input', { type: 'number', name: 'max_events', min: 1 })));
  const run = h('button', { type: 'button', class: 'primary', disabled: true }, 'Run replay');
  const dry = h('button', { type: 'button' }, 'Dry run');
  // A run is offered only for exactly what the dry run counted.
  form.addEventListener('input', () => {
    checked = null;
    run.disabled = true;
  });
  dry.addEventListener('click', async () => {
    const values = formValues(form);
    const counted = await busy(dry, () => api.post('/replays', request(values, true)));
    if (!counted) return;
    checked = JSON.stringify(values);
    run.disabled = false;
    replace(result, h('section', { class: 'panel', id: 'dry-run' },
      h('h2', {}, 'Dry run: nothing was changed'), outcome(counted)));
  });
  run.addEventListener('click', async () => {
    const values = formValues(form);
    if (JSON.stringify(values) !== checked) return;
    const done = await busy(run, () => api.post('/replays', request(values, false)));
    if (!done) return;
    run.disabled = true;
    notify(`Replay ${done.replay_id} started: ${count(done.deliveries)} deliveries.`);
    replace(result, h('section', { class: 'panel' }, h('h2', {}, 'Replayed'), outcome(done)));
    stopWatching();
    const watch = async () => {
      const state = await api.get(`/replays/${seg(done.replay_id)}`);
      replace(progress, progressPanel(state));
      if (state.progress?.done) stopWatching();
      await recentRuns(runs);
    };
    await watch();
    stopWatching = every(1000, watch);
  });
  await recentRuns(runs);
  replace(view,
    h('h1', {}, 'Replay'),
    h('p', { class: 'muted' }, 'Re-delivers stored events with purpose REPLAY. Start with a dry run: it counts what would be sent and changes nothing.'),
    form,
    h('div', { class: 'actions' }, dry, run),
    result,
    progress,
    h('h2', {}, 'Recent replays'),
    runs);
  return () => stopWatching();
}
