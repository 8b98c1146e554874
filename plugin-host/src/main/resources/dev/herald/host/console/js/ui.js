// Small pieces every page uses: notices, badges, tables, paging, dialogs, busy buttons.
import { append, formValues, h, replace } from './dom.js';
import { tone } from './format.js';

const noticeArea = () => document.getElementById('notice');
let noticeTimer = 0;

/** Says something in the shared live region: 'ok' fades after a while, 'error' stays. */
export function notify(message, kind = 'ok') {
  const area = noticeArea();
  clearTimeout(noticeTimer);
  area.className = `notice ${kind}`;
  area.setAttribute('role', kind === 'error' ? 'alert' : 'status');
  replace(area, message);
  area.hidden = false;
  if (kind === 'ok') noticeTimer = setTimeout(() => { area.hidden = true; }, 6000);
}

/** Hides an error left by the page before; a success message fades on its own. */
export function clearError() {
  const area = noticeArea();
  if (area.classList.contains('error')) area.hidden = true;
}

/** An error as the API words it, in place. */
export function errorBox(error) {
  return h('div', { class: 'error-box', role: 'alert' }, error.message ?? String(error));
}

export function badge(label) {
  return h('span', { class: `badge ${tone(label)}` }, label || 'unknown');
}

/**
 * A table: columns are {label, cell(row) -> node or text, num}; an empty list says `empty`.
 * Wide tables scroll sideways on a phone instead of squeezing.
 */
export function table(columns, rows, empty = 'Nothing to show.') {
  if (!rows.length) return h('div', { class: 'table-wrap' }, h('p', { class: 'empty' }, empty));
  return h('div', { class: 'table-wrap' },
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map((c) =>
        h('th', { scope: 'col', class: c.num ? 'num' : null }, c.label)))),
      h('tbody', {}, rows.map((row) => h('tr', {}, columns.map((c) =>
        h('td', { class: c.num ? 'num' : null }, c.cell(row))))))));
}

/** A definition list of [term, value] pairs; pairs whose value is empty are left out. */
export function facts(pairs) {
  return h('dl', { class: 'facts' }, pairs
    .filter(([, value]) => value !== '' && value != null && value !== false)
    .map(([term, value]) => [h('dt', {}, term), h('dd', {}, value)]));
}

/**
 * Paging by the API's page tokens: "Newer" goes back through the tokens seen, "Older" follows
 * next_page_token. `load(token)` fetches and renders one page and returns its next token.
 */
export function pager(load) {
  const seen = [''];
  const bar = h('div', { class: 'actions pager' });
  const render = async (index) => {
    const next = await load(seen[index]);
    seen.length = index + 1;
    if (next) seen.push(next);
    replace(bar,
      index > 0 ? h('button', { type: 'button', onclick: () => render(index - 1) }, '← Newer') : null,
      h('span', { class: 'muted' }, `Page ${index + 1}`),
      next ? h('button', { type: 'button', onclick: () => render(index + 1) }, 'Older →') : null);
  };
  return { element: bar, first: () => render(0) };
}

/**
 * Runs `action` with `button` disabled; an API error goes to the notice area as the API words it.
 * Returns the action's result, or undefined when it failed.
 */
export async function busy(button, action) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    return await action();
  } catch (error) {
    notify(error.message ?? String(error), 'error');
    return undefined;
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

/**
 * A modal dialog (the browser's own: it traps focus and Esc closes it). `actions` are
 * [label, value, className]; resolves with the value of the button pressed, or null on Esc.
 */
export function modal(title, body, actions = [['Close', null]]) {
  return new Promise((resolve) => {
    const dialog = h('dialog', { 'aria-label': title },
      h('h2', {}, title),
      body,
      h('form', { method: 'dialog', class: 'actions' }, actions.map(([label, value, cls]) =>
        h('button', { value: value ?? '', class: cls, 'data-action': label }, label))));
    dialog.addEventListener('close', () => {
      const chosen = actions.find(([, value]) => (value ?? '') === dialog.returnValue);
      dialog.remove();
      resolve(chosen ? chosen[1] : null);
    });
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** Asks before something that cannot be undone; true when confirmed. */
export async function confirm(title, message, confirmLabel, danger = true) {
  const answer = await modal(title, h('p', {}, message),
    [['Cancel', null], [confirmLabel, 'yes', danger ? 'danger' : 'primary']]);
  return answer === 'yes';
}

/** Shows a secret once, with a copy button; the secret is never shown again. */
export function showSecret(title, secret, note) {
  const input = h('input', { type: 'text', readonly: true, value: secret, 'aria-label': 'Secret', id: 'secret-once' });
  const copied = h('span', { class: 'muted', role: 'status' });
  const copy = h('button', {
    type: 'button',
    onclick: async () => {
      input.select();
      try {
        await navigator.clipboard.writeText(secret);
      } catch {
        document.execCommand('copy');
      }
      copied.textContent = 'Copied.';
    },
  }, 'Copy');
  return modal(title, h('div', {},
    h('p', {}, note),
    h('div', { class: 'secret' }, input, copy),
    copied), [['I have stored it', 'done', 'primary']]);
}

/** Calls `tick` now and then every `ms` while the page shows; returns what stops it. */
export function every(ms, tick) {
  let stopped = false;
  let timer = 0;
  const run = async () => {
    if (stopped) return;
    if (!document.hidden) {
      try {
        await tick();
      } catch {
        // the page keeps its last view, and the next tick tries again
      }
    }
    if (!stopped) timer = setTimeout(run, ms);
  };
  timer = setTimeout(run, ms);
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}

/**
 * A modal form: `submit(values)` runs on submit; when it throws, the API's words show in the
 * dialog and it stays open. Resolves with submit's result, or null when cancelled.
 */
export function formDialog(title, fields, submitLabel, submit) {
  return new Promise((resolve) => {
    const problem = h('div', { class: 'wide' });
    let result = null;
    const dialog = h('dialog', { 'aria-label': title });
    const form = h('form', { class: 'form' },
      fields,
      problem,
      h('div', { class: 'actions wide' },
        h('button', { type: 'button', onclick: () => dialog.close() }, 'Cancel'),
        h('button', { type: 'submit', class: 'primary' }, submitLabel)));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const button = e.submitter;
      button.disabled = true;
      try {
        result = await submit(formValues(form));
        dialog.close();
      } catch (error) {
        replace(problem, errorBox(error));
      } finally {
        button.disabled = false;
      }
    });
    dialog.addEventListener('close', () => {
      dialog.remove();
      resolve(result);
    });
    append(dialog, [h('h2', {}, title), form]);
    document.body.append(dialog);
    dialog.showModal();
  });
}

/** A labelled form field. */
export function field(label, input, hint) {
  return h('label', { class: input.type === 'checkbox' ? 'inline' : null },
    input.type === 'checkbox' ? [input, label] : [label, input],
    hint ? h('small', { class: 'muted' }, hint) : null);
}
