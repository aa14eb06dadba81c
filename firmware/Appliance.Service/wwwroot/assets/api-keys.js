import { api, el, nav, notify, showErrors, clearErrors, formatTime } from './common.js';

nav('api-keys');

const form = document.getElementById('key-form');

async function remove(key) {
  if (!confirm(`Delete API key ${key.name} (${key.prefix}…)? Programs using it stop working.`)) return;
  const { status, body } = await api('DELETE', `/v1/api-keys/${encodeURIComponent(key.id)}`);
  notify(status === 200 ? `Deleted ${key.name}` : `Could not delete: ${body.detail}`);
  await load();
}

async function load() {
  const { body } = await api('GET', '/v1/api-keys');
  document.getElementById('keys').replaceChildren(...body.api_keys.map((key) => el('tr', { 'data-key': key.name },
    el('td', {}, key.name),
    el('td', {}, `${key.prefix}…`),
    el('td', { class: 'optional' }, formatTime(key.created_at)),
    el('td', { class: 'optional' }, key.last_used_at ? formatTime(key.last_used_at) : 'never'),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => remove(key) }, 'Delete')))));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { status, body } = await api('POST', '/v1/api-keys', { name: form.elements.name.value });
  const shown = document.getElementById('new-key');
  if (status === 201) {
    clearErrors(form);
    form.elements.name.value = '';
    // The key exists only here and now: the box keeps its hash alone.
    shown.replaceChildren(el('p', {}, 'Copy this key now; it will not be shown again:'), el('p', { class: 'once' }, body.key));
    shown.hidden = false;
    await load();
  } else {
    shown.hidden = true;
    showErrors(form, body);
  }
});

load();
