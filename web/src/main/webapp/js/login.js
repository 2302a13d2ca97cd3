import * as api from './api.js';
import { bindLoginForm } from './login-form.js';
import { offerProviderLogout } from './sso-logout.js';

api.session().then(() => location.replace('console.html'), () => {});

// A failed single sign-on lands here with one line to show; the address is cleaned up after.
const ssoError = new URLSearchParams(location.search).get('sso_error');
if (ssoError) {
  const error = document.getElementById('login-error');
  error.textContent = ssoError;
  error.hidden = false;
  history.replaceState(null, '', location.pathname);
}

offerProviderLogout(document.getElementById('sso-logout'));

// One button per identity provider: a plain link, the server redirects to the provider.
api.ssoConnectors().then((connectors) => {
  const nav = document.getElementById('sso');
  for (const connector of connectors) {
    const link = document.createElement('a');
    link.className = 'sso-button';
    link.id = 'sso-' + connector.name;
    link.href = connector.login_path;
    link.textContent = 'Sign in with ' + connector.display;
    nav.append(link);
  }
  nav.hidden = connectors.length === 0;
}, () => {});

bindLoginForm(async () => location.replace('console.html'));
