// Shared helpers for every page: API calls with the session's CSRF token, safe DOM building
// (text only, never innerHTML), per-field error display and the navigation bar.

let csrfToken = null;

async function csrf() {
  if (csrfToken === null) {
    const response = await fetch('/web/auth/session', { credentials: 'same-origin' });
    if (response.status === 401) {
      location.assign('/web/login');
      throw new Error('not logged in');
    }
    csrfToken = (await response.json()).csrf_token;
  }
  return csrfToken;
}

/** Calls the API; resolves to { status, body } (body is the parsed JSON or {}). */
export async function api(method, url, body) {
  const headers = { Accept: 'application/json' };
  if (method !== 'GET') {
    headers['X-CSRF-Token'] = await csrf();
  }
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  const response = await fetch(url, {
    method, headers, credentials: 'same-origin',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign('/web/login');
  }
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}

/** Builds an element; string children become text nodes, so API data can never inject markup. */
export function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (name.startsWith('on')) node.addEventListener(name.slice(2), value);
    else if (value === true) node.setAttribute(name, '');
    else if (value !== false && value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  return fill(node, ...children);
}

/**
 * Replaces a node's children the way el() builds them: arrays flattened, null skipped, strings as
 * text nodes (the DOM's own replaceChildren would show null as "null" and an array as its string).
 */
export function fill(node, ...children) {
  node.replaceChildren();
  for (const child of children.flat()) {
    if (child !== null && child !== undefined) node.append(child instanceof Node ? child : String(child));
  }
  return node;
}

/** Shows a problem response: each errors[field] beside its input, anything else at the form's top. */
export function showErrors(form, problem) {
  clearErrors(form);
  const general = [];
  for (const [field, messages] of Object.entries(problem.errors ?? {})) {
    // "tasks[0].name" or "template_variables.x" belong to the input of the top-level field.
    const input = form.elements.namedItem(field) ?? form.elements.namedItem(field.split(/[.[]/)[0]);
    const text = messages.join('; ');
    if (input instanceof Element && input.closest('label')) {
      input.setAttribute('aria-invalid', 'true');
      const label = input.closest('label');
      label.append(el('span', { class: 'field-error', 'data-error-for': field }, input.name === field ? text : `${field}: ${text}`));
    } else {
      general.push(`${field}: ${text}`);
    }
  }
  if (general.length === 0 && !problem.errors) general.push(problem.detail ?? problem.title ?? 'request failed');
  if (general.length > 0) form.querySelector('.form-error').textContent = general.join('. ');
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((node) => node.remove());
  form.querySelectorAll('[aria-invalid]').forEach((node) => node.removeAttribute('aria-invalid'));
  const top = form.querySelector('.form-error');
  if (top) top.textContent = '';
}

/** Says briefly what happened, for a few seconds. */
export function notify(text) {
  const box = document.getElementById('notice');
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => { box.hidden = true; }, 4000);
}

const pages = [
  ['dashboard', 'Dashboard'], ['agents', 'Agents'], ['numbers', 'Numbers'],
  ['connections', 'Connections'], ['calls', 'Calls'], ['api-keys', 'API keys'], ['diagnostics', 'Diagnostics'], ['wizard', 'Setup wizard'],
];

export function nav(active) {
  const links = pages.map(([page, title]) =>
    el('a', { href: `/web/${page}`, 'aria-current': page === active ? 'page' : null }, title));
  const logout = el('button', {
    type: 'button', class: 'link', onclick: async () => {
      await api('POST', '/web/auth/logout');
      location.assign('/web/login');
    },
  }, 'Log out');
  document.getElementById('nav').replaceChildren(el('nav', {}, el('strong', {}, 'Appliance'), ...links, logout));
}

export function formatDuration(seconds) {
  const s = Math.floor(seconds);
  const d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60);
  return d > 0 ? `${d} d ${h} h` : h > 0 ? `${h} h ${m} min` : m > 0 ? `${m} min ${s % 60} s` : `${s % 60} s`;
}

export function formatBytes(bytes) {
  return bytes >= 1048576 ? `${(bytes / 1048576).toFixed(1)} MB` : `${(bytes / 1024).toFixed(0)} kB`;
}

export function formatTime(iso) {
  return iso ? new Date(iso).toLocaleString() : '';
}

/** POSTs JSON to login/setup, the two calls made before there is a session (and so a CSRF token). */
export async function postPublic(url, body) {
  const response = await fetch(url, {
    method: 'POST', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, body: text ? JSON.parse(text) : {} };
}
