// Builds an edit form from a field list and reads it back as a JSON body for the API.
// Field: { name, label, type: text|textarea|number|bool|select|list|secret|json, options?, step?, min?, max?, help? }.
// Secrets are write-only: the form shows "set"/"not set" from secrets_set and never a value.
import { api, el, showErrors } from './common.js';

function input(field, value, secretsSet) {
  switch (field.type) {
    case 'textarea':
      return el('textarea', { name: field.name }, value ?? '');
    case 'json':
      return el('textarea', { name: field.name, class: 'code', spellcheck: 'false' },
        value === undefined || value === null ? '' : JSON.stringify(value, null, 2));
    case 'bool':
      return el('input', { name: field.name, type: 'checkbox', checked: value === true });
    case 'select':
      return el('select', { name: field.name },
        field.nullable ? el('option', { value: '' }, '(none)') : null,
        field.options.map((option) => el('option', { value: option, selected: option === value }, option)));
    case 'number':
      return el('input', {
        name: field.name, type: 'number', step: field.step ?? 'any', min: field.min, max: field.max, value: value ?? '',
      });
    case 'list':
      return el('input', { name: field.name, value: (value ?? []).join(', ') });
    case 'secret': {
      const isSet = secretsSet.includes(field.name);
      return el('input', {
        name: field.name, type: 'password', autocomplete: 'new-password',
        placeholder: isSet ? 'set (type to replace)' : 'not set',
      });
    }
    default:
      return el('input', { name: field.name, value: value ?? '' });
  }
}

/** One <label> per field: its name, its input, the secret's state, a hint. */
export function fieldLabel(field, entity) {
  const secretsSet = entity.secrets_set ?? [];
  return el('label', {},
    el('span', { class: 'name' }, field.label),
    input(field, entity[field.name], secretsSet),
    field.type === 'secret'
      ? el('span', { class: 'secret-state', 'data-secret': field.name }, secretsSet.includes(field.name) ? 'set' : 'not set')
      : null,
    field.help ? el('span', { class: 'hint' }, field.help) : null);
}

/** A <fieldset> per group [{ legend, fields }] showing the entity's values. */
export function fieldsets(groups, entity) {
  return groups.map((group) => el('fieldset', {}, el('legend', {}, group.legend),
    group.fields.map((field) => fieldLabel(field, entity))));
}

/** Fills <form> with fieldsets for groups [{ legend, fields }] showing the entity's values. */
export function buildForm(form, title, groups, entity, onCancel, ...extra) {
  form.replaceChildren(
    el('h2', {}, title),
    el('p', { class: 'form-error', role: 'alert' }),
    ...fieldsets(groups, entity),
    el('div', { class: 'actions' },
      el('button', { type: 'submit' }, 'Save'),
      el('button', { type: 'button', class: 'secondary', onclick: onCancel }, 'Cancel'),
      ...extra));
  form.hidden = false;
}

/** Thrown for a JSON field the browser cannot parse, so it is shown beside the field like an API error. */
class FieldError extends Error {
  constructor(field, message) {
    super(message);
    this.field = field;
  }
}

function valueOf(field, control) {
  switch (field.type) {
    case 'bool': return control.checked;
    case 'number': return control.value.trim() === '' ? null : Number(control.value);
    case 'list': return control.value.split(',').map((item) => item.trim()).filter((item) => item !== '');
    case 'json': {
      if (control.value.trim() === '') return null;
      try {
        return JSON.parse(control.value);
      } catch (error) {
        throw new FieldError(field.name, `is not valid JSON (${error.message})`);
      }
    }
    default: return control.value.trim() === '' ? null : control.value;
  }
}

/**
 * The JSON body: for a new entity every filled field, for an existing one only what changed.
 * A secret is sent only when something was typed into it.
 */
export function readForm(form, groups, original) {
  const body = {};
  const isNew = original.id === undefined;
  for (const field of groups.flatMap((group) => group.fields)) {
    const value = valueOf(field, form.elements.namedItem(field.name));
    if (field.type === 'secret') {
      if (value !== null) body[field.name] = value;
    } else if (isNew) {
      if (value !== null && !(Array.isArray(value) && value.length === 0)) body[field.name] = value;
    } else if (JSON.stringify(value) !== JSON.stringify(original[field.name] ?? (field.type === 'list' ? [] : null))) {
      body[field.name] = value;
    }
  }
  return body;
}

/** readForm, or null after showing a field the browser could not read (bad JSON) beside it. */
export function tryReadForm(form, groups, original) {
  try {
    return readForm(form, groups, original);
  } catch (error) {
    if (!(error instanceof FieldError)) throw error;
    showErrors(form, { errors: { [error.field]: [error.message] } });
    return null;
  }
}

// Saves an edited entity of a /v1 collection: PATCH when it exists, POST when new. Returns the saved
// entity, or null after showing the API's per-field errors beside the fields.
export async function saveForm(form, groups, editing, collection) {
  const body = tryReadForm(form, groups, editing);
  if (body === null) return null;
  const { status, body: result } = editing.id
    ? await api('PATCH', `${collection}/${encodeURIComponent(editing.id)}`, body)
    : await api('POST', collection, body);
  if (status === 200 || status === 201) return result;
  showErrors(form, result);
  return null;
}
