import { api, el, nav, notify, clearErrors } from './common.js';
import { buildForm, saveForm } from './forms.js';
import { loadAllowedValues, selectField } from './allowed-values.js';

nav('connections');

const allowed = await loadAllowedValues();

const groups = [
  { legend: 'Connection', fields: [
    { name: 'name', label: 'Name', type: 'text' },
    selectField(allowed, 'connection', 'type', 'Type'),
    { name: 'description', label: 'Description', type: 'text' },
    { name: 'enabled', label: 'Enabled', type: 'bool' },
    { name: 'priority', label: 'Priority (lower is tried first)', type: 'number', step: 1 },
  ] },
  { legend: 'PBX / SIP', fields: [
    { name: 'host', label: 'Host', type: 'text' },
    { name: 'port', label: 'Port', type: 'number', step: 1 },
    selectField(allowed, 'connection', 'transport', 'Transport'),
    { name: 'username', label: 'User', type: 'text' },
    { name: 'password', label: 'Password', type: 'secret' },
    { name: 'realm', label: 'Realm', type: 'text' },
    { name: 'auth_username', label: 'Auth user (if not the user)', type: 'text' },
    { name: 'register_expires_sec', label: 'Registration interval, s (60 to 86400)', type: 'number', step: 1, min: 60, max: 86400 },
    { name: 'allowed_addresses', label: 'Trunk peers allowed to call in (comma separated addresses or networks)', type: 'list' },
    { name: 'outbound_proxy', label: 'Outbound proxy', type: 'text' },
  ] },
  { legend: 'Cloud provider or e-mail', fields: [
    { name: 'base_url', label: 'Base URL', type: 'text' },
    { name: 'api_key', label: 'API key', type: 'secret' },
    { name: 'model', label: 'Model', type: 'text' },
    { name: 'stt_model', label: 'Speech-to-text model', type: 'text' },
    { name: 'tts_model', label: 'Text-to-speech model', type: 'text' },
    { name: 'voice', label: 'Voice', type: 'text' },
    { name: 'timeout_ms', label: 'Timeout, ms (100 to 120000)', type: 'number', step: 1, min: 100, max: 120000 },
    { name: 'from_address', label: 'From address (e-mail)', type: 'text' },
  ] },
];

const form = document.getElementById('connection-form');
let editing = {};

function closeForm() {
  form.hidden = true;
  clearErrors(form);
}

function openForm(connection) {
  editing = connection;
  buildForm(form, connection.id ? `Edit ${connection.name}` : 'New connection', groups, connection, closeForm);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const saved = await saveForm(form, groups, editing, '/v1/connections');
  if (saved) {
    closeForm();
    notify(`Saved ${saved.name}`);
    await load();
  }
});

/** Asks the box to reach the connection now; the outcome (and the error text) shows in the row. */
async function test(connection, cell) {
  cell.textContent = 'testing…';
  const { status, body } = await api('POST', `/web/api/connections/${encodeURIComponent(connection.id)}/test`);
  if (status !== 200) {
    cell.textContent = `could not test: ${body.detail ?? status}`;
    return;
  }
  cell.dataset.ok = String(body.ok);
  cell.textContent = `${body.ok === true ? 'OK' : body.ok === false ? 'Failed' : 'Not testable'}: ${body.detail} (${body.elapsed_ms} ms)`;
}

async function remove(connection) {
  if (!confirm(`Delete connection ${connection.name}?`)) return;
  const { status, body } = await api('DELETE', `/v1/connections/${encodeURIComponent(connection.id)}`);
  notify(status === 200 ? `Deleted ${connection.name}` : `Could not delete: ${body.detail}`);
  await load();
}

async function load() {
  const { body } = await api('GET', '/v1/connections');
  document.getElementById('connections').replaceChildren(...body.connections.map((connection) => {
    const result = el('span', { class: 'test-result', role: 'status' });
    return el('tr', { 'data-connection': connection.name },
      el('td', {}, connection.name),
      el('td', {}, connection.type),
      el('td', { class: 'optional' }, connection.host ?? connection.base_url ?? ''),
      el('td', {}, el('div', { class: 'actions' },
        el('button', { type: 'button', class: 'secondary', onclick: () => openForm(connection) }, 'Edit'),
        el('button', { type: 'button', class: 'secondary', onclick: () => test(connection, result) }, 'Test'),
        el('button', { type: 'button', class: 'danger', onclick: () => remove(connection) }, 'Delete')), result));
  }));
}

document.getElementById('new-connection').addEventListener('click', () => openForm({ type: 'sip_trunk', enabled: true, transport: 'udp' }));
load();
