import { api, el, nav, notify, showErrors, clearErrors } from './common.js';

nav('numbers');

const form = document.getElementById('number-form');
let agents = [];
let lines = [];
const lineTypes = ['sip_registration', 'sip_trunk', 'analog_line'];

function agentOptions(selected) {
  return [el('option', { value: '' }, '(no agent)'),
    ...agents.map((agent) => el('option', { value: agent.id, selected: agent.id === selected }, agent.name))];
}

async function assign(number, agentId) {
  const { status, body } = await api('PATCH', `/v1/phone-numbers/${encodeURIComponent(number.id)}`, { agent_id: agentId || null });
  notify(status === 200 ? `${number.number} now goes to ${agents.find((a) => a.id === agentId)?.name ?? 'no agent'}` : `Could not change: ${body.detail}`);
  await load();
}

async function remove(number) {
  if (!confirm(`Delete number ${number.number}?`)) return;
  const { status, body } = await api('DELETE', `/v1/phone-numbers/${encodeURIComponent(number.id)}`);
  notify(status === 200 ? `Deleted ${number.number}` : `Could not delete: ${body.detail}`);
  await load();
}

async function load() {
  const [agentList, numberList, connectionList] = await Promise.all([api('GET', '/v1/agents'), api('GET', '/v1/phone-numbers'), api('GET', '/v1/connections')]);
  agents = agentList.body.agents;
  lines = connectionList.body.connections.filter((connection) => lineTypes.includes(connection.type));
  form.elements.agent_id.replaceChildren(...agentOptions(null));
  form.elements.connection_id.replaceChildren(el('option', { value: '' }, '(any line)'),
    ...lines.map((line) => el('option', { value: line.id, 'data-type': line.type }, `${line.name} (${line.type})`)));
  document.getElementById('numbers').replaceChildren(...numberList.body.phone_numbers.map((number) => el('tr', { 'data-number': number.number },
    el('td', {}, number.number),
    el('td', { class: 'optional' }, number.label ?? ''),
    el('td', {}, el('select', { 'aria-label': `Agent for ${number.number}`, onchange: (event) => assign(number, event.target.value) },
      agentOptions(number.agent_id)), number.outbound_only ? el('span', { class: 'muted' }, ' outbound only') : null),
    el('td', { class: 'optional' }, lines.find((line) => line.id === number.connection_id)?.name ?? ''),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => remove(number) }, 'Delete')))));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { number: form.elements.number.value.trim() };
  if (form.elements.label.value.trim()) body.label = form.elements.label.value.trim();
  if (form.elements.agent_id.value) body.agent_id = form.elements.agent_id.value;
  const line = form.elements.connection_id.selectedOptions[0];
  if (line?.value) {
    body.connection_id = line.value;
    if (line.dataset.type === 'analog_line') body.telephony_provider = 'analog';
  }
  if (form.elements.outbound_only.checked) body.outbound_only = true;
  const { status, body: result } = await api('POST', '/v1/phone-numbers', body);
  if (status === 201) {
    clearErrors(form);
    form.reset();
    notify(`Added ${result.number}`);
    await load();
  } else {
    showErrors(form, result);
  }
});

load();
