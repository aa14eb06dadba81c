import { api, el, nav, notify, showErrors, clearErrors } from './common.js';

nav('numbers');

const form = document.getElementById('number-form');
let agents = [];

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
  const [agentList, numberList] = await Promise.all([api('GET', '/v1/agents'), api('GET', '/v1/phone-numbers')]);
  agents = agentList.body.agents;
  form.elements.agent_id.replaceChildren(...agentOptions(null));
  document.getElementById('numbers').replaceChildren(...numberList.body.phone_numbers.map((number) => el('tr', { 'data-number': number.number },
    el('td', {}, number.number),
    el('td', { class: 'optional' }, number.label ?? ''),
    el('td', {}, el('select', { 'aria-label': `Agent for ${number.number}`, onchange: (event) => assign(number, event.target.value) },
      agentOptions(number.agent_id))),
    el('td', {}, el('button', { type: 'button', class: 'danger', onclick: () => remove(number) }, 'Delete')))));
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const body = { number: form.elements.number.value.trim() };
  if (form.elements.label.value.trim()) body.label = form.elements.label.value.trim();
  if (form.elements.agent_id.value) body.agent_id = form.elements.agent_id.value;
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
