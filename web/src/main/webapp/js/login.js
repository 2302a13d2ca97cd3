import * as api from './api.js';

const form = document.getElementById('login-form');
const error = document.getElementById('login-error');

api.session().then(() => location.replace('console.html'), () => {});

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  try {
    await api.login(form.user.value, form.password.value, form.totp.value);
    location.replace('console.html');
  } catch (e) {
    error.textContent = e.message;
    error.hidden = false;
    form.password.value = '';
    form.password.focus();
  }
});
