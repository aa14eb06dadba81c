// The choices the box accepts for each enumerated field (GET /web/api/allowed-values, built from the
// configuration model's AllowedValues), fetched once per page, so no page keeps its own copy.
import { api } from './common.js';

let pending = null;

export function loadAllowedValues() {
  pending ??= api('GET', '/web/api/allowed-values').then(({ status, body }) => {
    if (status !== 200) throw new Error(`allowed values: HTTP ${status}`);
    return body;
  });
  return pending;
}

/** A select field of one entity ("agent", "connection"); a field the box does not list is a page bug, so it fails loudly. */
export function selectField(allowed, entity, name, label, nullable = false) {
  const options = allowed[entity]?.[name];
  if (!Array.isArray(options)) throw new Error(`the box lists no allowed values for ${entity}.${name}`);
  return { name, label, type: 'select', options, nullable };
}
