import { api, el, nav, notify, clearErrors } from './common.js';
import { buildForm, saveForm } from './forms.js';

nav('agents');

// The canonical agent fields a technician sets on site, grouped the way a call uses them.
const groups = [
  { legend: 'Identity', fields: [
    { name: 'name', label: 'Name (unique)', type: 'text' },
    { name: 'display_name', label: 'Display name', type: 'text' },
    { name: 'description', label: 'Description', type: 'text' },
    { name: 'agent_type', label: 'Template', type: 'select', options: ['custom', 'receptionist', 'message_taker', 'appointment_scheduler', 'simple', 'advanced'] },
    { name: 'status', label: 'Status', type: 'select', options: ['active', 'inactive'] },
  ] },
  { legend: 'Conversation', fields: [
    { name: 'welcome_message', label: 'Welcome message', type: 'textarea' },
    { name: 'system_prompt', label: 'System prompt', type: 'textarea' },
    { name: 'model_tier', label: 'Model tier', type: 'select', options: ['fast', 'balanced', 'advanced'] },
    { name: 'llm_temperature', label: 'LLM temperature', type: 'number' },
    { name: 'tools', label: 'Tools (comma separated)', type: 'list' },
  ] },
  { legend: 'Voice and language', fields: [
    { name: 'voice_id', label: 'Voice', type: 'text' },
    { name: 'audio_speed', label: 'Speaking speed (0.5 to 1.5)', type: 'number' },
    { name: 'default_language', label: 'Language', type: 'text' },
    { name: 'boosted_keywords', label: 'Boosted keywords (comma separated)', type: 'list' },
    { name: 'timezone', label: 'Time zone', type: 'text' },
  ] },
  { legend: 'Turn-taking and silence', fields: [
    { name: 'interruption_sensitivity', label: 'Interruption sensitivity (0 to 1)', type: 'number' },
    { name: 'min_endpointing_delay', label: 'Min end-of-turn delay (s)', type: 'number' },
    { name: 'max_endpointing_delay', label: 'Max end-of-turn delay (s)', type: 'number' },
    { name: 'no_input_poke_sec', label: 'Prompt after silence (s)', type: 'number', step: 1 },
    { name: 'no_input_poke_text', label: 'Silence prompt', type: 'text' },
    { name: 'no_input_end_conversation_sec', label: 'Hang up after silence (s)', type: 'number', step: 1 },
  ] },
  { legend: 'Transfer, voicemail and recording', fields: [
    { name: 'transfer_number', label: 'Transfer number', type: 'text' },
    { name: 'pass_caller_id', label: 'Pass caller ID on transfer', type: 'bool' },
    { name: 'voicemail_detection', label: 'Detect voicemail', type: 'bool' },
    { name: 'recording_enabled', label: 'Record calls', type: 'bool' },
  ] },
  { legend: 'Webhook mode', fields: [
    { name: 'voice_mode', label: 'Who answers', type: 'select', options: ['hosted', 'webhook'] },
    { name: 'webhook_url', label: 'Webhook URL', type: 'text' },
    { name: 'webhook_secret', label: 'Webhook secret', type: 'secret' },
  ] },
];

// Set by the box (the API refuses them as read-only), or tied to this agent alone: not copied.
const readOnly = ['id', 'project', 'created_at', 'updated_at', 'secrets_set', 'schema_version', 'phone_number', 'custom_phone_numbers',
  'google_place_data', 'google_place_context', 'google_place_fetched_at'];

const form = document.getElementById('agent-form');
let editing = {};

function closeForm() {
  form.hidden = true;
  clearErrors(form);
}

function openForm(agent) {
  editing = agent;
  buildForm(form, agent.id ? `Edit ${agent.name}` : 'New agent', groups, agent, closeForm);
  form.scrollIntoView();
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

document.getElementById('new-agent').addEventListener('click', () => openForm({ status: 'active', agent_type: 'custom', voice_mode: 'hosted', model_tier: 'balanced' }));
load();
