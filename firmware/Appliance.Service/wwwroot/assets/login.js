import { showErrors, postPublic } from './common.js';
import { wizardPending } from './wizard-status.js';

const form = document.getElementById('login');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { status, body } = await postPublic('/web/auth/login', { password: form.elements.password.value });
  // An unfinished first-run wizard resumes where it was left.
  if (status === 200) location.assign(await wizardPending() ? '/web/wizard' : '/web/dashboard');
  else showErrors(form, { detail: body.detail ?? 'login failed' });
});
