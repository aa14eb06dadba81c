import { showErrors, postPublic } from './common.js';

const form = document.getElementById('setup');
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const password = form.elements.password.value;
  if (password !== form.elements.confirm.value) {
    showErrors(form, { errors: { confirm: ['does not match the password'] } });
    return;
  }
  const { status, body } = await postPublic('/web/auth/setup', { setup_code: form.elements.setup_code.value, password });
  if (status === 200) location.assign('/web/wizard');
  else if (status === 409) location.assign('/web/login');
  else showErrors(form, body);
});
