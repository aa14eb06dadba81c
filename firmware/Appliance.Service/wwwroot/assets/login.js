import { showErrors, postPublic } from './common.js';

const form = document.getElementById('login');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const { status, body } = await postPublic('/web/auth/login', { password: form.elements.password.value });
  if (status === 200) location.assign('/web/dashboard');
  else showErrors(form, { detail: body.detail ?? 'login failed' });
});
