// What operators type into forms, read the way the API wants it.

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
