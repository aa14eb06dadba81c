// Whether the first-run wizard is still to be finished (/web/api/wizard), for the dashboard's
// "finish setup" banner and for login, which resumes an unfinished wizard.
import { api } from './common.js';

export async function wizardPending() {
  const { status, body } = await api('GET', '/web/api/wizard');
  return status === 200 && body.completed !== true;
}
