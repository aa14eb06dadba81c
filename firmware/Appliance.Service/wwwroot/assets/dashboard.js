import { api, el, nav, formatDuration, formatBytes, formatTime } from './common.js';

nav('dashboard');

const text = (id, value) => { document.getElementById(id).textContent = value; };
const unknown = 'unknown';

/** A caller or agent level (dBFS) as a meter from -60 dB (silence) to 0 dB. */
function level(label, db) {
  const value = typeof db === 'number' ? Math.max(-60, db) : -60;
  return el('span', { class: 'level' }, el('span', { class: 'muted' }, label),
    el('meter', { min: -60, max: 0, low: -45, high: -6, optimum: -20, value, title: `${label} ${value} dBFS`, 'data-db': value }));
}

function showCalls(calls) {
  const rows = calls.map((call) => el('tr', { 'data-call': call.id },
    el('td', {}, call.caller_number ?? unknown),
    el('td', {}, call.agent_name ?? ''),
    el('td', {}, el('span', { class: 'state' }, call.state)),
    el('td', { class: 'levels' }, level('caller', call.input_level_db), level('agent', call.output_level_db)),
    el('td', { class: 'optional' }, formatTime(call.started_at))));
  document.getElementById('active-calls').replaceChildren(
    ...(rows.length > 0 ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No active calls'))]));
}

function showStatus(status) {
  const version = document.getElementById('version');
  version.textContent = status.version.split('+')[0]; // the commit after '+' goes in the tooltip
  version.title = status.version;
  text('uptime', formatDuration(status.uptime_sec));
  text('cpu', typeof status.cpu_percent === 'number' ? `${status.cpu_percent} %` : unknown);
  const memory = status.memory;
  text('memory', `${formatBytes(memory.process_rss_bytes)} / ${memory.available_bytes == null ? unknown : formatBytes(memory.available_bytes)}`);
  const storage = status.storage;
  text('storage', storage.free_bytes == null ? unknown : `${formatBytes(storage.free_bytes)} of ${formatBytes(storage.total_bytes)}`);

  const sip = status.sip?.running ? status.sip : null;
  text('sip-listening', sip ? sip.listening.map((l) => `${l.transport}/${l.address}`).join(', ') : unknown);
  const registrations = sip?.registrations ?? [];
  document.getElementById('sip-registrations').replaceChildren(...(registrations.length > 0
    ? registrations.map((r) => el('li', {}, `${r.user}@${r.registrar}: `, el('span', { class: 'state' }, r.state),
      r.last_status ? ` (${r.last_status}${r.last_error ? `: ${r.last_error}` : ''})` : ''))
    : [el('li', { class: 'muted' }, sip ? 'none configured' : unknown)]));

  const cloud = status.cloud.map((c) => el('tr', { 'data-connection': c.id },
    el('td', {}, c.name), el('td', {}, c.host),
    el('td', {}, el('span', { class: 'state', 'data-ok': c.reachable === null ? null : String(c.reachable) },
      c.reachable === null ? 'checking…' : c.reachable ? 'reachable' : `unreachable${c.last_error ? `: ${c.last_error}` : ''}`)),
    el('td', { class: 'optional' }, formatTime(c.last_success)),
    el('td', { class: 'optional' }, formatTime(c.last_failure))));
  document.getElementById('cloud').replaceChildren(
    ...(cloud.length > 0 ? cloud : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No provider connection with a base URL'))]));
}

// The board and LEDs come from the HAL's /v1/system/board; a box without it shows "unknown".
async function refreshBoard() {
  const { status, body } = await api('GET', '/v1/system/board');
  if (status !== 200) {
    text('board', unknown);
    document.getElementById('leds').replaceChildren(el('li', { class: 'muted' }, unknown));
    return;
  }
  text('board', body.board ? `${body.board}${body.simulated ? ' (simulated)' : ''}: line ${body.line_state}, ${body.hook ?? ''}` : `no board (line ${body.line_state})`);
  const leds = Object.entries(body.leds ?? {});
  document.getElementById('leds').replaceChildren(...(leds.length > 0
    ? leds.map(([name, pattern]) => el('li', { 'data-led': name, 'data-pattern': pattern }, el('span', { class: 'led' }), ` ${name}: ${pattern}`))
    : [el('li', { class: 'muted' }, 'none')]));
}

// Calls and status arrive as server-sent events; EventSource reconnects by itself.
const live = document.getElementById('live');
const events = new EventSource('/web/events');
events.addEventListener('calls', (event) => {
  live.textContent = '(live)';
  showCalls(JSON.parse(event.data).calls);
});
events.addEventListener('status', (event) => showStatus(JSON.parse(event.data)));
events.addEventListener('error', () => { live.textContent = '(reconnecting…)'; });

refreshBoard();
setInterval(refreshBoard, 3000);
