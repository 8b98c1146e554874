// Page addresses live in the URL's hash (#/deliveries?webhook_id=crm), so a filtered view can be
// bookmarked and shared; the token never is.

/** A link to a page with its query; empty values are left out. */
export function href(path, params = {}) {
  const query = new URLSearchParams(
    Object.entries(params).filter(([, v]) => v !== '' && v != null && v !== false));
  return `#/${path}${query.size ? `?${query}` : ''}`;
}

/** Goes to a page, e.g. navigate('deliveries', {webhook_id: 'crm'}); the same page renders again. */
export function navigate(path, params = {}) {
  const hash = href(path, params);
  if (window.location.hash === hash) window.dispatchEvent(new HashChangeEvent('hashchange'));
  else window.location.hash = hash;
}
