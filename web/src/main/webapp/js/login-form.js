// The login form of index.html and launch.html: logs in, then hands over to `next`.
import * as api from './api.js';

export function bindLoginForm(next) {
  const form = document.getElementById('login-form');
  const error = document.getElementById('login-error');
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    error.hidden = true;
    try {
      await api.login(form.user.value, form.password.value, form.totp.value);
      await next();
    } catch (e) {
      error.textContent = e.message;
      error.hidden = false;
      form.password.value = '';
      form.password.focus();
    }
  });
}
