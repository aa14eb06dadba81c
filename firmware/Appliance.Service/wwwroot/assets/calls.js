import { api, el, nav, formatTime } from './common.js';

nav('calls');

const detail = document.getElementById('call-detail');
const searchForm = document.getElementById('search');

function latencyRow(turn) {
  if (turn.response_latency_ms === null || turn.response_latency_ms === undefined) return null;
  const stages = ['endpointing_ms', 'stt_ms', 'llm_first_token_ms', 'tts_first_audio_ms', 'on_box_ms']
    .filter((stage) => turn[stage] !== null && turn[stage] !== undefined)
    .map((stage) => `${stage.replace(/_ms$/, '').replaceAll('_', ' ')} ${Math.round(turn[stage])} ms`);
  return el('div', { class: 'latency' },
    el('div', { class: 'bar', 'data-ms': turn.response_latency_ms, title: stages.join(', ') }),
    el('span', { class: 'muted' }, `response ${Math.round(turn.response_latency_ms)} ms${stages.length ? ` (${stages.join(', ')})` : ''}`));
}

async function show(id) {
  const { status, body: call } = await api('GET', `/v1/calls/${encodeURIComponent(id)}`);
  if (status !== 200) return;
  const widest = Math.max(1, ...call.turns.map((turn) => turn.response_latency_ms ?? 0));
  const turns = call.turns.map((turn) => el('div', { class: `turn ${turn.role}` },
    el('strong', {}, turn.role === 'agent' ? 'Agent' : 'Caller'), ' ',
    el('span', { class: 'muted' }, formatTime(turn.at)),
    el('p', {}, turn.text, turn.interrupted ? ' (interrupted)' : ''),
    latencyRow(turn)));
  const quality = call.quality
    ? el('p', {}, `RTP: ${call.quality.packets_received} packets, ${call.quality.packets_lost} lost, jitter ${call.quality.jitter_ms} ms, MOS ${call.quality.mos}`)
    : null;
  detail.replaceChildren(
    el('h2', {}, `Call from ${call.caller_number ?? 'unknown'} to ${call.agent_name ?? call.called_number ?? ''}`),
    el('p', { class: 'muted' }, `${formatTime(call.started_at)} · ${call.status}${call.end_reason ? ` (${call.end_reason})` : ''}`),
    call.summary ? el('p', {}, call.summary) : null,
    quality,
    el('h3', {}, 'Transcript'),
    ...(turns.length ? turns : [el('p', { class: 'muted' }, 'No turns recorded')]));
  // Bar widths are set through the CSSOM: the CSP forbids inline style attributes.
  detail.querySelectorAll('.bar').forEach((bar) => { bar.style.width = `${(100 * Number(bar.dataset.ms)) / widest}%`; });
  detail.hidden = false;
  detail.scrollIntoView();
}

async function load() {
  const search = searchForm.elements.search.value.trim();
  const { body } = await api('GET', `/v1/calls${search ? `?search=${encodeURIComponent(search)}` : ''}`);
  const rows = body.calls.map((call) => el('tr', { 'data-call': call.id },
    el('td', {}, el('button', { type: 'button', class: 'link', onclick: () => show(call.id) }, formatTime(call.started_at))),
    el('td', {}, call.caller_number ?? 'unknown'),
    el('td', { class: 'optional' }, call.agent_name ?? ''),
    el('td', { class: 'optional' }, call.status),
    el('td', {}, String(call.turns.length))));
  document.getElementById('calls').replaceChildren(
    ...(rows.length ? rows : [el('tr', {}, el('td', { colspan: 5, class: 'muted' }, 'No calls'))]));
}

searchForm.addEventListener('submit', (event) => {
  event.preventDefault();
  load();
});
load();
