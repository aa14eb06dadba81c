// Per-turn response latency of a call as an inline SVG bar chart (no library): one stacked bar per
// agent turn, its stages in order, the total printed at the end. Built with createElementNS and
// attributes only, which the page's CSP (no inline style) allows.
const SVG = 'http://www.w3.org/2000/svg';
const stages = [
  ['endpointing_ms', 'end of turn'], ['stt_ms', 'speech-to-text'], ['llm_first_token_ms', 'model first token'],
  ['tts_first_audio_ms', 'voice first audio'], ['on_box_ms', 'on the box'],
];

function node(tag, attributes, text) {
  const element = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, String(value));
  if (text !== undefined) element.textContent = text;
  return element;
}

/** The chart for the turns that have a response latency, or null when none has. */
export function latencyChart(turns) {
  const timed = turns.filter((turn) => typeof turn.response_latency_ms === 'number');
  if (timed.length === 0) return null;
  const widest = Math.max(...timed.map((turn) => turn.response_latency_ms));
  const width = 600, label = 60, room = 90, row = 22;
  const scale = (width - label - room) / widest;
  const svg = node('svg', {
    class: 'latency-chart', viewBox: `0 0 ${width} ${timed.length * row + 28}`, role: 'img',
    'aria-label': `Response latency per turn, longest ${Math.round(widest)} ms`,
  });
  timed.forEach((turn, i) => {
    const y = i * row;
    svg.append(node('text', { x: 0, y: y + 14, class: 'axis' }, `turn ${i + 1}`));
    let x = label;
    for (const [key, name] of stages) {
      const ms = turn[key];
      if (typeof ms !== 'number' || ms <= 0) continue;
      const bar = node('rect', { x, y: y + 3, width: Math.max(1, ms * scale), height: row - 8, class: `stage ${key}` });
      bar.append(node('title', {}, `${name}: ${Math.round(ms)} ms`));
      svg.append(bar);
      x += ms * scale;
    }
    // Stages may not add up to the total (overlap, untracked gaps): the outline shows the total.
    svg.append(node('rect', { x: label, y: y + 3, width: turn.response_latency_ms * scale, height: row - 8, class: 'total' }));
    svg.append(node('text', { x: label + turn.response_latency_ms * scale + 6, y: y + 14, class: 'value' }, `${Math.round(turn.response_latency_ms)} ms`));
  });
  const legendY = timed.length * row + 20;
  let lx = label;
  for (const [key, name] of stages) {
    svg.append(node('rect', { x: lx, y: legendY - 9, width: 10, height: 10, class: `stage ${key}` }));
    svg.append(node('text', { x: lx + 13, y: legendY, class: 'legend' }, name));
    lx += 13 + name.length * 6.2 + 10;
  }
  return svg;
}
