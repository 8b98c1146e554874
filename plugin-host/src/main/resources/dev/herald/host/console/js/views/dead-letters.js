// Dead letters: what could not be delivered; retry or discard one or many.
import { api, seg } from '../api.js';
import { h, replace } from '../dom.js';
import { busy, confirm, notify, pager, table } from '../ui.js';
import { columns, filterForm, query } from './deliveries.js';

/** Runs `one(id)` for each id in turn; says how many worked and, for the others, why not. */
async function each(ids, verb, one) {
  const failures = [];
  for (const id of ids) {
    try {
      await one(id);
    } catch (error) {
      failures.push(`${id}: ${error.message}`);
    }
  }
  const done = ids.length - failures.length;
  notify([`${verb} ${done} of ${ids.length}.`, ...failures].join('\n'), failures.length ? 'error' : 'ok');
}

export async function deadLetters(view, params) {
  const rows = h('div', {});
  const selected = new Set();
  const boxes = () => [...rows.querySelectorAll('input[name="dead-letter"]')];
  const all = h('input', {
    type: 'checkbox', 'aria-label': 'Select every dead letter on this page',
    onchange: () => boxes().forEach((box) => {
      box.checked = all.checked;
      box.dispatchEvent(new Event('change'));
    }),
  });
  const pick = {
    label: all,
    cell: (d) => h('input', {
      type: 'checkbox', name: 'dead-letter', value: d.id, 'aria-label': `Select dead letter ${d.id}`,
      onchange: (e) => (e.target.checked ? selected.add(d.id) : selected.delete(d.id)),
    }),
  };
  const list = pager(async (token) => {
    selected.clear();
    all.checked = false;
    const page = await api.get('/dead-letters', { ...query(params), page_size: 50, page_token: token });
    replace(rows, table(columns([pick]), page.deliveries ?? [], 'No dead letters.'));
    return page.next_page_token;
  });
  const act = (label, verb, path, cls, ask) => h('button', {
    type: 'button', class: cls,
    onclick: async (e) => {
      const ids = [...selected];
      if (!ids.length) {
        notify('Select dead letters first.', 'error');
        return;
      }
      if (ask && !(await confirm(`${label} ${ids.length}`, ask, label))) return;
      await busy(e.target, () => each(ids, verb, (id) => api.post(`/dead-letters/${seg(id)}:${path}`, {})));
      await list.first();
    },
  }, `${label} selected`);
  await list.first();
  replace(view,
    h('h1', {}, 'Dead letters'),
    filterForm('dead-letters', params, { withStatus: false }),
    h('div', { class: 'actions' },
      act('Retry', 'Retried', 'retry', 'primary'),
      act('Discard', 'Discarded', 'discard', 'danger',
        'Discarded deliveries leave this list and are not attempted again (a replay can still send their events).')),
    rows,
    list.element);
}
