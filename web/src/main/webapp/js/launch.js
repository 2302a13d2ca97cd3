// Opens a web app: with a console session (after logging in if need be), asks for a single-use
// launch URL on the app's own subdomain and goes there; the app's cookie is set on arrival.
import * as api from './api.js';
import { bindLoginForm } from './login-form.js';

const query = new URLSearchParams(location.search);
const app = query.get('app') || '';
const path = query.get('path') || '/';
const error = document.getElementById('login-error');
document.getElementById('app-name').textContent = app;

async function launch() {
  const answer = await api.launchApp(app, path);
  location.replace(answer.url);
}

function fail(e) {
  error.textContent = e.message;
  error.hidden = false;
}

bindLoginForm(() => launch().catch(fail));

api.session().then(() => launch().catch(fail), () => {
  document.getElementById('login-form').hidden = false;
});
