// First-run wizard: phone line (PBX registration, SIP trunk or analog line), cloud provider keys,
// first agent from a template, first number mapped to it. Every step saves through /v1, so the API's
// validation applies and its per-field errors show beside the inputs. Steps can be skipped; the
// position is kept on the box (/web/api/wizard), so the wizard resumes where it was left.
import { api, el, nav, notify, showErrors } from './common.js';
import { fieldLabel, fieldsets, tryReadForm } from './forms.js';
import { loadTemplates } from './templates.js';
import { loadAllowedValues, selectField } from './allowed-values.js';

nav('wizard');

const titles = { line: 'Phone line', providers: 'Cloud providers', agent: 'First agent', number: 'Number', done: 'Done' };
const stepList = document.getElementById('wizard-steps');
const stepBox = document.getElementById('wizard-step');
let steps = [];
let current = 'line';
let createdAgent = null;
const transport = selectField(await loadAllowedValues(), 'connection', 'transport', 'Transport');

const lineKinds = {
  sip_registration: {
    label: 'PBX: register as an extension', name: 'pbx',
    groups: [{ legend: 'PBX registration', fields: [
      { name: 'host', label: 'PBX host or address', type: 'text' },
      { name: 'port', label: 'Port', type: 'number', step: 1, min: 1, max: 65535 },
      transport,
      { name: 'username', label: 'Extension / user', type: 'text' },
      { name: 'password', label: 'Password', type: 'secret' },
      { name: 'realm', label: 'Realm (if the PBX asks for one)', type: 'text' },
    ] }],
  },
  sip_trunk: {
    label: 'SIP trunk: the PBX or provider sends calls to the box', name: 'trunk',
    groups: [{ legend: 'SIP trunk', fields: [
      { name: 'host', label: 'Peer host (optional)', type: 'text' },
      { name: 'allowed_addresses', label: 'Peer addresses allowed to call in (comma separated, e.g. 192.0.2.10, 192.0.2.0/24)', type: 'list' },
      transport,
    ] }],
  },
  analog_line: { label: 'Analog phone line (the box\'s FXO port)', name: 'analog-line', groups: [] },
};

const providers = [
  { type: 'openai_compatible', name: 'cloud-llm', title: 'Language model (OpenAI-compatible)', fields: [
    { name: 'base_url', label: 'Base URL (e.g. https://api.openai.com/v1)', type: 'text' },
    { name: 'api_key', label: 'API key', type: 'secret' },
    { name: 'model', label: 'Model (optional)', type: 'text' },
  ] },
  { type: 'deepgram', name: 'deepgram', title: 'Deepgram speech-to-text (optional)', fields: [{ name: 'api_key', label: 'API key', type: 'secret' }] },
  { type: 'cartesia', name: 'cartesia', title: 'Cartesia voice (optional)', fields: [{ name: 'api_key', label: 'API key', type: 'secret' }] },
  { type: 'elevenlabs', name: 'elevenlabs', title: 'ElevenLabs voice (optional)', fields: [{ name: 'api_key', label: 'API key', type: 'secret' }] },
];

async function go(step, completed = false) {
  const { status, body } = await api('PUT', '/web/api/wizard', { step, completed });
  if (status !== 200) {
    notify(`Could not save the wizard's progress: ${body.detail ?? status}`);
    return;
  }
  current = step;
  render();
}

function next() {
  return steps[Math.min(steps.indexOf(current) + 1, steps.length - 1)];
}

/**
 * One step: its title and intro, its forms (each with its own error line), and the actions. Save runs
 * onSave; Enter in a form does the same.
 */
function stepCard(id, intro, forms, onSave, saveLabel = 'Save and continue') {
  const save = () => onSave(forms[0]);
  for (const form of forms) {
    form.addEventListener('submit', (event) => {
      event.preventDefault();
      save();
    });
  }
  return el('section', { id, class: 'card' },
    el('h2', {}, titles[current]),
    el('p', {}, intro),
    ...forms,
    el('div', { class: 'actions' },
      el('button', { type: 'button', class: 'primary', onclick: save }, saveLabel),
      current === 'done' ? null : el('button', { type: 'button', class: 'secondary', 'data-skip': current, onclick: () => go(next()) }, 'Skip this step'),
      steps.indexOf(current) > 0 ? el('button', { type: 'button', class: 'link', onclick: () => go(steps[steps.indexOf(current) - 1]) }, 'Back') : null));
}

/** A form holding an error line and the given children. */
function form(...children) {
  return el('form', { novalidate: true }, el('p', { class: 'form-error', role: 'alert' }), ...children);
}

/** Saves a new connection; returns it, or null after showing the API's errors in the form. */
async function createConnection(form, groups, base) {
  const body = tryReadForm(form, groups, {});
  if (body === null) return null;
  const { status, body: result } = await api('POST', '/v1/connections', { ...base, ...body });
  if (status === 201) return result;
  showErrors(form, result);
  return null;
}

async function existing(types) {
  const { body } = await api('GET', '/v1/connections');
  return body.connections.filter((connection) => types.includes(connection.type));
}

async function lineStep() {
  const saved = await existing(Object.keys(lineKinds));
  const kindSelect = el('select', { name: 'line_kind' },
    Object.entries(lineKinds).map(([type, kind]) => el('option', { value: type }, kind.label)));
  const fields = el('div', {});
  const showKind = () => fields.replaceChildren(...fieldsets(lineKinds[kindSelect.value].groups, { transport: 'udp' }));
  kindSelect.addEventListener('change', showKind);
  showKind();
  return stepCard('line-step',
    saved.length ? `Already set up: ${saved.map((c) => `${c.name} (${c.type})`).join(', ')}. Add another or skip.` : 'How does the box get its calls?',
    [form(el('label', {}, el('span', { class: 'name' }, 'Line type'), kindSelect), fields)],
    async (form) => {
      const kind = lineKinds[kindSelect.value];
      const taken = saved.some((c) => c.name === kind.name);
      const created = await createConnection(form, kind.groups, { name: taken ? `${kind.name}-${Date.now() % 10000}` : kind.name, type: kindSelect.value });
      if (created) {
        notify(`Saved ${created.name}`);
        await go(next());
      }
    });
}

async function providersStep() {
  const saved = await existing(providers.map((p) => p.type));
  const forms = providers.map((provider) => {
    const done = saved.find((c) => c.type === provider.type);
    const card = form(
      el('h3', {}, provider.title),
      done ? el('p', { class: 'muted' }, `Saved as ${done.name}; fill in to add another.`) : null,
      ...provider.fields.map((field) => fieldLabel(field, {})));
    card.dataset.provider = provider.type;
    return card;
  });
  return stepCard('providers-step',
    'Keys for the cloud services the agents talk through. Without any, the box still answers with its local voice and takes messages.',
    forms,
    async () => {
      let failed = false;
      for (const [i, provider] of providers.entries()) {
        const box = forms[i];
        if (box.dataset.saved) continue;
        const groups = [{ fields: provider.fields }];
        const body = tryReadForm(box, groups, {});
        if (body === null) { failed = true; continue; }
        if (Object.keys(body).length === 0) continue;
        const name = saved.some((c) => c.name === provider.name) ? `${provider.name}-${Date.now() % 10000}` : provider.name;
        const { status, body: result } = await api('POST', '/v1/connections', { name, type: provider.type, ...body });
        if (status === 201) {
          box.dataset.saved = 'true';
          box.replaceChildren(el('h3', {}, provider.title), el('p', { class: 'muted' }, `Saved as ${result.name}`));
        }
        else {
          showErrors(box, result);
          failed = true;
        }
      }
      if (!failed) await go(next());
    });
}

async function agentStep() {
  const templates = await loadTemplates();
  const choice = el('select', { name: 'template' }, templates.map((t) => el('option', { value: t.id }, `${t.title}: ${t.summary}`)));
  return stepCard('agent-step', 'Start from a template; every field can be changed later on the Agents page.', [form(
    el('label', {}, el('span', { class: 'name' }, 'Template'), choice),
    el('label', {}, el('span', { class: 'name' }, 'Business name (said in the greeting)'), el('input', { name: 'business_name' })),
    el('label', {}, el('span', { class: 'name' }, 'Agent name (lowercase letters, numbers, hyphens)'), el('input', { name: 'name' })),
    el('label', {}, el('span', { class: 'name' }, 'Welcome message (leave empty for the template\'s)'), el('textarea', { name: 'welcome_message' })),
  )], async (form) => {
    const template = templates.find((t) => t.id === choice.value);
    const agent = structuredClone(template.agent);
    const business = form.elements.business_name.value.trim();
    if (business) agent.template_variables.business_name = { default_value: business };
    if (form.elements.name.value.trim()) agent.name = form.elements.name.value.trim();
    if (form.elements.welcome_message.value.trim()) agent.welcome_message = form.elements.welcome_message.value.trim();
    const { status, body } = await api('POST', '/v1/agents', agent);
    if (status !== 201) {
      showErrors(form, body);
      return;
    }
    createdAgent = body;
    notify(`Created agent ${body.name}`);
    await go(next());
  });
}

async function numberStep() {
  const [{ body: agentList }, lines] = await Promise.all([api('GET', '/v1/agents'), existing(Object.keys(lineKinds))]);
  const agents = agentList.agents;
  const preferred = createdAgent?.id ?? agents[agents.length - 1]?.id;
  return stepCard('number-step', 'The number (or line) callers dial, and the agent that answers it.', [form(
    el('label', {}, el('span', { class: 'name' }, 'Number (E.164, e.g. +15551234567)'), el('input', { name: 'number' })),
    el('label', {}, el('span', { class: 'name' }, 'Label'), el('input', { name: 'label' })),
    el('label', {}, el('span', { class: 'name' }, 'Agent'), el('select', { name: 'agent_id' },
      agents.map((agent) => el('option', { value: agent.id, selected: agent.id === preferred }, agent.name)))),
    el('label', {}, el('span', { class: 'name' }, 'Arrives on'), el('select', { name: 'connection_id' },
      el('option', { value: '' }, '(any line)'),
      lines.map((line) => el('option', { value: line.id, 'data-type': line.type }, `${line.name} (${line.type})`)))),
  )], async (form) => {
    const body = { number: form.elements.number.value.trim(), agent_id: form.elements.agent_id.value || null };
    if (form.elements.label.value.trim()) body.label = form.elements.label.value.trim();
    const line = form.elements.connection_id.selectedOptions[0];
    if (line.value) {
      body.connection_id = line.value;
      if (line.dataset.type === 'analog_line') body.telephony_provider = 'analog';
    }
    const { status, body: result } = await api('POST', '/v1/phone-numbers', body);
    if (status !== 201) {
      showErrors(form, result);
      return;
    }
    notify(`${result.number} is answered by its agent now`);
    await go(next());
  });
}

async function doneStep() {
  const [connections, agents, numbers] = await Promise.all([api('GET', '/v1/connections'), api('GET', '/v1/agents'), api('GET', '/v1/phone-numbers')]);
  return stepCard('done-step', 'The box is set up. You can reopen this wizard from the menu at any time.', [form(
    el('ul', { id: 'wizard-summary' },
      el('li', {}, `Connections: ${connections.body.connections.map((c) => c.name).join(', ') || 'none'}`),
      el('li', {}, `Agents: ${agents.body.agents.map((a) => a.name).join(', ') || 'none'}`),
      el('li', {}, `Numbers: ${numbers.body.phone_numbers.map((n) => n.number).join(', ') || 'none'}`)),
  )], async () => {
    await go('done', true);
    location.assign('/web/dashboard');
  }, 'Finish and open the dashboard');
}

const builders = { line: lineStep, providers: providersStep, agent: agentStep, number: numberStep, done: doneStep };

async function render() {
  stepList.replaceChildren(...steps.map((step) => el('li', { 'aria-current': step === current ? 'step' : null }, titles[step])));
  stepBox.replaceChildren(await builders[current]());
}

const { body: state } = await api('GET', '/web/api/wizard');
steps = state.steps;
current = state.completed ? steps[0] : state.step;
render();
