// What operators type into forms, read the way the API wants it.
import { h } from '../dom.js';

/** "user.* group.created" (spaces, commas or lines) -> ['user.*', 'group.created']. */
export function words(text) {
  return (text ?? '').split(/[\s,]+/).filter(Boolean);
}

/** "X-Tenant: acme" per line -> {"X-Tenant": "acme"}; the API judges names and values. */
export function headerLines(text) {
  const headers = {};
  for (const line of (text ?? '').split('\n').map((l) => l.trim()).filter(Boolean)) {
    const colon = line.indexOf(':');
    if (colon < 0) headers[line] = '';
    else headers[line.slice(0, colon).trim()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** The body formats a webhook may receive, as the API names them, with what each sends. */
const BODY_FORMATS = [
  ['herald', "Herald's JSON envelope"],
  ['cloudevents-structured', 'CloudEvents, structured (application/cloudevents+json)'],
  ['cloudevents-binary', 'CloudEvents, binary (ce-* headers, the data as body)'],
];

/** A select of body formats with `chosen` selected. */
export function bodyFormatSelect(chosen = 'herald') {
  return h('select', { name: 'body_format' }, BODY_FORMATS.map(([value, label]) =>
    h('option', { value, selected: value === (chosen || 'herald') }, label)));
}
