import { api, el, nav, notify, showErrors, clearErrors, formatTime } from './common.js';

nav('diagnostics');

const filter = document.getElementById('log-filter');

async function loadLogs() {
  const query = new URLSearchParams({ limit: '300' });
  for (const name of ['level', 'category', 'text']) {
    const value = filter.elements.namedItem(name).value.trim();
    if (value) query.set(name, value);
  }
  const { status, body } = await api('GET', `/web/api/logs?${query}`);
  if (status !== 200) {
    showErrors(filter, body);
    return;
  }
  clearErrors(filter);
  const rows = body.entries.map((entry) => el('tr', { 'data-level': entry.level },
    el('td', { class: 'optional' }, formatTime(entry.at)),
    el('td', {}, entry.level),
    el('td', { class: 'optional' }, entry.category),
    el('td', {}, entry.message, entry.exception ? el('span', { class: 'hint' }, entry.exception) : null)));
  document.getElementById('logs').replaceChildren(
    ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No log lines match'))]));
}

filter.addEventListener('submit', (event) => {
  event.preventDefault();
  loadLogs();
});

// The SIP trace (recent messages, credentials already redacted) from the telephony layer's /v1/system/sip/trace.
async function loadSipTrace() {
  const target = document.getElementById('sip-trace');
  const { status, body } = await api('GET', '/v1/system/sip/trace');
  if (status !== 200) {
    target.textContent = 'No SIP trace on this box yet.';
    return;
  }
  const messages = body.messages ?? [];
  target.classList.remove('muted');
  target.replaceChildren(...(messages.length > 0
    ? messages.map((m) => el('details', {},
      el('summary', {}, `${formatTime(m.at)} ${m.direction} ${m.transport}/${m.remote} ${m.text.split('\r\n')[0]}`),
      el('pre', {}, m.text)))
    : [el('p', { class: 'muted' }, 'No SIP messages yet.')]));
}

function showReport(report) {
  const secrets = report.secrets_to_reenter.map((s) => el('li', {}, `${s.entity} ${s.name}: ${s.fields.join(', ')}`));
  const errors = report.errors.map((e) => el('li', { class: 'field-error' },
    `${e.entity} ${e.name}: `, Object.entries(e.errors).map(([field, messages]) => `${field} ${messages.join('; ')}`).join('. ')));
  const r = report.restored;
  document.getElementById('restore-report').replaceChildren(
    el('p', {}, `Restored ${r.connections} connection(s), ${r.agents} agent(s), ${r.phone_numbers} number(s).`),
    errors.length > 0 ? el('div', {}, el('h3', {}, 'Not restored'), el('ul', { id: 'restore-errors' }, errors)) : null,
    secrets.length > 0 ? el('div', {}, el('h3', {}, 'Secrets to re-enter'), el('ul', { id: 'restore-secrets' }, secrets)) : null);
}

const restore = document.getElementById('restore-form');
restore.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(restore);
  const file = restore.elements.namedItem('file').files[0];
  let backup;
  try {
    backup = JSON.parse(await file.text());
  } catch {
    showErrors(restore, { errors: { file: ['is not a JSON backup'] } });
    return;
  }
  const { status, body } = await api('POST', '/web/api/restore', backup);
  if (status !== 200) {
    showErrors(restore, body);
    return;
  }
  showReport(body);
  notify('Restore finished');
});

// LED walk: started on the box, followed here until it ends (the LEDs it lit are listed in order).
const ledWalkButton = document.getElementById('led-walk');
ledWalkButton.addEventListener('click', async () => {
  const status = document.getElementById('led-walk-status');
  const started = await api('POST', '/web/api/diagnostics/led-walk');
  if (started.status !== 202) {
    status.textContent = `LED walk refused: ${started.body.detail ?? started.status}`;
    return;
  }
  ledWalkButton.disabled = true;
  const seen = [];
  let state = started.body;
  while (state.running) {
    if (seen[seen.length - 1] !== state.lit) seen.push(state.lit);
    status.textContent = `Lit: ${state.lit} (${state.order.indexOf(state.lit) + 1} of ${state.order.length})`;
    await new Promise((resolve) => { setTimeout(resolve, state.step_ms / 4); });
    const next = await api('GET', '/web/api/diagnostics/led-walk');
    if (next.status !== 200) break;
    state = next.body;
  }
  ledWalkButton.disabled = false;
  status.textContent = `LED walk finished; lit in turn: ${seen.join(', ')}`;
});

loadLogs();
loadSipTrace();
