// The public REST API under /api/v1, and nothing else. Errors carry the API's own words.
import { session } from './session.js';

/** A refused or failed call: the HTTP status and the API's message. */
export class ApiError extends Error {
  constructor(status, message, body) {
    super(message);
    this.status = status;
    this.body = body;
  }
}

let onUnauthenticated = () => {};

/** What to do when the API says the token is missing or unknown (it was revoked, say). */
export function whenUnauthenticated(handler) {
  onUnauthenticated = handler;
}

function url(path, query) {
  const u = new URL(`/api/v1${path}`, window.location.origin);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '' || value === false) continue;
    for (const v of [value].flat()) u.searchParams.append(name, String(v));
  }
  return u;
}

async function call(method, path, { query, body } = {}) {
  const headers = { authorization: `Bearer ${session.token() ?? ''}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response;
  try {
    response = await fetch(url(path, query), {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      cache: 'no-store',
    });
  } catch (e) {
    throw new ApiError(0, `Herald did not answer (${e.message})`);
  }
  const text = await response.text();
  let json = null;
  try {
    json = text ? JSON.parse(text) : null;
  } catch {
    json = null;
  }
  if (!response.ok) {
    const message = json?.message
      || (json?.['grpc-code'] ? `${json['grpc-code']} (HTTP ${response.status})` : text)
      || `HTTP ${response.status} ${response.statusText}`;
    const error = new ApiError(response.status, message, json);
    if (response.status === 401) onUnauthenticated(error);
    throw error;
  }
  return json ?? {};
}

export const api = {
  get: (path, query) => call('GET', path, { query }),
  post: (path, body = {}) => call('POST', path, { body }),
  patch: (path, body) => call('PATCH', path, { body }),
  delete: (path) => call('DELETE', path),
};

/** A path segment (ids may hold characters a URL treats specially). */
export const seg = (id) => encodeURIComponent(String(id));
