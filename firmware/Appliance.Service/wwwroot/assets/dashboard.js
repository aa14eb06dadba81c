import { api, el, nav, formatDuration, formatBytes, formatTime } from './common.js';

nav('dashboard');

async function refreshSystem() {
  const { status, body } = await api('GET', '/v1/system');
  if (status !== 200) return;
  // The build metadata after '+' (the commit) goes in the tooltip; the release number stays readable.
  const version = document.getElementById('version');
  version.textContent = body.version.split('+')[0];
  version.title = body.version;
  document.getElementById('uptime').textContent = formatDuration(body.uptime_sec);
  document.getElementById('storage').textContent = formatBytes(body.storage_bytes);
  document.getElementById('runtime').textContent = `${body.runtime} (${body.architecture}${body.native_aot ? ', native AOT' : ''})`;
}

function showCalls(calls) {
  const rows = calls.map((call) => el('tr', { 'data-call': call.id },
    el('td', {}, call.caller_number ?? 'unknown'),
    el('td', {}, call.agent_name ?? ''),
    el('td', {}, el('span', { class: 'state' }, call.state)),
    el('td', { class: 'optional' }, formatTime(call.started_at))));
  document.getElementById('active-calls').replaceChildren(
    ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: 4, class: 'muted' }, 'No active calls'))]));
}

// Active calls arrive as server-sent events whenever they change; EventSource reconnects by itself.
const live = document.getElementById('live');
const events = new EventSource('/web/events');
events.addEventListener('calls', (event) => {
  live.textContent = '(live)';
  showCalls(JSON.parse(event.data).calls);
});
events.addEventListener('error', () => { live.textContent = '(reconnecting…)'; });

refreshSystem();
setInterval(refreshSystem, 10000);
