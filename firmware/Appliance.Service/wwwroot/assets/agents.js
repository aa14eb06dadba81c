import { api, el, fill, nav, notify, clearErrors, showErrors } from './common.js';
import { buildForm, saveForm, tryReadForm } from './forms.js';
import { loadAgentGroups } from './agent-fields.js';
import { loadTemplates } from './templates.js';

nav('agents');

// Set by the box (the API refuses them as read-only), or tied to this agent alone: not copied.
const readOnly = ['id', 'project', 'created_at', 'updated_at', 'secrets_set', 'schema_version', 'phone_number', 'custom_phone_numbers',
  'google_place_data', 'google_place_context', 'google_place_fetched_at'];

const form = document.getElementById('agent-form');
const groups = await loadAgentGroups();
let editing = {};

function closeForm() {
  form.hidden = true;
  clearErrors(form);
}

function openForm(agent) {
  editing = agent;
  buildForm(form, agent.id ? `Edit ${agent.name}` : 'New agent', groups, agent, closeForm,
    el('button', { type: 'button', class: 'secondary', id: 'preview-button', onclick: preview }, 'Preview prompts'));
  form.append(el('section', { id: 'preview', hidden: true }));
  form.scrollIntoView();
}

/**
 * The welcome message and system prompt as a call gets them (the box's own prompt builder), for
 * the form's current values, with the variables' sample values and the system ones.
 */
async function preview() {
  const changes = tryReadForm(form, groups, editing);
  if (changes === null) return;
  delete changes.webhook_secret;
  const { status, body } = await api('POST', '/web/api/agents/preview', { agent_id: editing.id ?? null, changes });
  const box = form.querySelector('#preview');
  if (status !== 200) {
    showErrors(form, body);
    return;
  }
  clearErrors(form);
  fill(box,
    el('h3', {}, 'Preview'),
    el('h4', {}, 'Welcome message'), el('p', { class: 'preview-welcome' }, body.welcome_message || '(none)'),
    el('h4', {}, 'System prompt'), el('pre', { class: 'preview-prompt' }, body.system_prompt),
    el('h4', {}, 'Values used'),
    el('dl', { class: 'preview-values' }, Object.entries(body.variables).flatMap(([name, value]) => [el('dt', {}, name), el('dd', {}, value)])),
    body.missing_variables.length ? el('p', { class: 'field-error' }, `Not defined: ${body.missing_variables.join(', ')}`) : null);
  box.hidden = false;
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const saved = await saveForm(form, groups, editing, '/v1/agents');
  if (saved) {
    closeForm();
    notify(`Saved ${saved.name}`);
    await load();
  }
});

async function duplicate(agent) {
  const copy = Object.fromEntries(Object.entries(agent).filter(([key]) => !readOnly.includes(key)));
  copy.name = `${agent.name}-copy`;
  const { status, body } = await api('POST', '/v1/agents', copy);
  notify(status === 201 ? `Created ${body.name} (secrets are not copied)` : `Could not duplicate: ${body.detail}`);
  await load();
}

async function remove(agent) {
  if (!confirm(`Delete agent ${agent.name}? Its numbers stop being answered by it.`)) return;
  const { status, body } = await api('DELETE', `/v1/agents/${encodeURIComponent(agent.id)}`);
  notify(status === 200 ? `Deleted ${agent.name}` : `Could not delete: ${body.detail}`);
  await load();
}

async function load() {
  const { body } = await api('GET', '/v1/agents');
  document.getElementById('agents').replaceChildren(...body.agents.map((agent) => el('tr', { 'data-agent': agent.name },
    el('td', {}, agent.name),
    el('td', { class: 'optional' }, agent.status),
    el('td', { class: 'optional' }, (agent.custom_phone_numbers ?? []).join(', ')),
    el('td', {}, el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'secondary', onclick: () => openForm(agent) }, 'Edit'),
      el('button', { type: 'button', class: 'secondary', onclick: () => duplicate(agent) }, 'Duplicate'),
      el('button', { type: 'button', class: 'danger', onclick: () => remove(agent) }, 'Delete'))))));
}

async function fromTemplate(id) {
  const template = (await loadTemplates()).find((t) => t.id === id);
  const taken = new Set((await api('GET', '/v1/agents')).body.agents.map((agent) => agent.name));
  const agent = structuredClone(template.agent);
  for (let i = 2; taken.has(agent.name); i++) agent.name = `${template.agent.name}-${i}`;
  openForm({ status: 'active', voice_mode: 'hosted', model_tier: 'balanced', ...agent });
}

const templateSelect = document.getElementById('template');
loadTemplates().then((templates) => templateSelect.replaceChildren(
  el('option', { value: '' }, 'New from template…'),
  ...templates.map((t) => el('option', { value: t.id }, t.title))));
templateSelect.addEventListener('change', () => {
  if (templateSelect.value) fromTemplate(templateSelect.value);
  templateSelect.value = '';
});

document.getElementById('new-agent').addEventListener('click', () => openForm({ status: 'active', agent_type: 'custom', voice_mode: 'hosted', model_tier: 'balanced' }));
load();
