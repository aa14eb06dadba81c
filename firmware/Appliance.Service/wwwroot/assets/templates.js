// The agent templates (receptionist, message taker, appointment scheduler), one JSON file on the box
// shared by the setup wizard and the agents page's "new from template".
let cache = null;

export async function loadTemplates() {
  if (cache === null) {
    const response = await fetch('/web/assets/agent-templates.json', { credentials: 'same-origin' });
    cache = (await response.json()).templates;
  }
  return cache;
}
