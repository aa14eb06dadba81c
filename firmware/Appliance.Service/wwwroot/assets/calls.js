import { api, el, fill, nav, formatTime, showErrors, clearErrors } from './common.js';
import { latencyChart } from './latency-chart.js';

nav('calls');

const detail = document.getElementById('call-detail');
const searchForm = document.getElementById('search');
const filterNames = ['caller', 'agent', 'status', 'from', 'to'];

function stageText(turn) {
  return ['endpointing_ms', 'stt_ms', 'llm_first_token_ms', 'tts_first_audio_ms', 'on_box_ms']
    .filter((stage) => typeof turn[stage] === 'number')
    .map((stage) => `${stage.replace(/_ms$/, '').replaceAll('_', ' ')} ${Math.round(turn[stage])} ms`).join(', ');
}

function quality(call) {
  const q = call.quality;
  if (!q) return null;
  const lossPercent = q.packets_received + q.packets_lost > 0 ? (100 * q.packets_lost) / (q.packets_received + q.packets_lost) : 0;
  return el('dl', { class: 'quality grid' },
    el('div', {}, el('dt', {}, 'Packets received'), el('dd', {}, String(q.packets_received))),
    el('div', {}, el('dt', {}, 'Lost'), el('dd', {}, `${q.packets_lost} (${lossPercent.toFixed(1)} %)`)),
    el('div', {}, el('dt', {}, 'Jitter'), el('dd', {}, `${q.jitter_ms} ms`)),
    el('div', {}, el('dt', {}, 'MOS'), el('dd', {}, String(q.mos))));
}

async function show(id) {
  const { status, body: call } = await api('GET', `/v1/calls/${encodeURIComponent(id)}`);
  if (status !== 200) return;
  const turns = call.turns.map((turn) => el('div', { class: `turn ${turn.role}` },
    el('strong', {}, turn.role === 'agent' ? 'Agent' : 'Caller'), ' ',
    el('span', { class: 'muted' }, formatTime(turn.at)),
    el('p', {}, turn.text, turn.interrupted ? ' (interrupted)' : ''),
    typeof turn.response_latency_ms === 'number'
      ? el('p', { class: 'muted' }, `response ${Math.round(turn.response_latency_ms)} ms${stageText(turn) ? ` (${stageText(turn)})` : ''}`)
      : null));
  const chart = latencyChart(call.turns);
  // The recording goes through the session like every /v1 read; the audio element asks only when played.
  const recording = call.recording_file
    ? el('audio', { controls: true, preload: 'metadata', src: `/v1/calls/${encodeURIComponent(call.id)}/recording` })
    : el('p', { class: 'muted' }, 'Not recorded');
  fill(detail,
    el('h2', {}, `Call from ${call.caller_number ?? 'unknown'} to ${call.agent_name ?? call.called_number ?? ''}`),
    el('p', { class: 'muted' }, `${formatTime(call.started_at)} · ${call.status}${call.end_reason ? ` (${call.end_reason})` : ''}`),
    call.summary ? el('p', {}, call.summary) : null,
    el('h3', {}, 'Recording'), recording,
    call.quality ? el('h3', {}, 'Line quality (RTP)') : null, quality(call),
    chart ? el('h3', {}, 'Response latency per turn') : null, chart,
    el('h3', {}, 'Transcript'),
    ...(turns.length ? turns : [el('p', { class: 'muted' }, 'No turns recorded')]));
  detail.hidden = false;
  detail.scrollIntoView();
}

function filterQuery() {
  const query = new URLSearchParams();
  for (const name of filterNames) {
    const value = searchForm.elements[name].value.trim();
    if (value) query.set(name, value);
  }
  return query;
}

/** The export links follow the filter, so a download is exactly the list on screen (without its page limit). */
function updateExportLinks(query) {
  for (const format of ['csv', 'json']) {
    const withFormat = new URLSearchParams(query);
    withFormat.set('format', format);
    document.getElementById(`export-${format}`).href = `/web/api/calls/export?${withFormat}`;
  }
}

async function load() {
  const query = filterQuery();
  updateExportLinks(query);
  const { status, body } = await api('GET', `/web/api/calls?${query}`);
  if (status !== 200) {
    showErrors(searchForm, body);
    return;
  }
  clearErrors(searchForm);
  const rows = body.calls.map((call) => el('tr', { 'data-call': call.id },
    el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => show(call.id) }, formatTime(call.started_at))),
    el('td', {}, call.caller_number ?? 'unknown'),
    el('td', { class: 'optional' }, call.agent_name ?? ''),
    el('td', { class: 'optional' }, call.status),
    el('td', {}, String(call.turns.length))));
  document.getElementById('calls').replaceChildren(
    ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No calls'))]));
}

async function loadAgents() {
  const { body } = await api('GET', '/v1/agents');
  searchForm.elements.agent.replaceChildren(el('option', { value: '' }, '(any)'),
    ...body.agents.map((agent) => el('option', { value: agent.name }, agent.name)));
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
await loadAgents();
load();
