// What every logged-in page shares: the session (or back to the login page), the links to the
// other pages (admin pages only for admins; the server refuses others anyway), and log out.
import * as api from './api.js';
import { SSO_LOGOUT_KEY } from './sso-logout.js';
import { element } from './text.js';

const PAGES = [
  { href: 'console.html', title: 'Nodes' },
  { href: 'recordings.html', title: 'Recordings' },
  { href: 'audit.html', title: 'Audit', admin: true },
  { href: 'admin.html', title: 'Admin', admin: true },
  { href: 'mfa.html', title: 'One-time codes' },
];

export const isAdmin = (me) => me.roles.includes('admin');

/** Resolves to the logged-in session; sends the browser to the login page when there is none. */
export async function startPage() {
  let me;
  try {
    me = await api.session();
  } catch (error) {
    location.replace('index.html');
    return new Promise(() => {});
  }
  const here = location.pathname.split('/').pop();
  const links = PAGES.filter((page) => !page.admin || isAdmin(me)).map((page) => {
    const link = element('a', page.title, 'page-link');
    link.href = page.href;
    if (page.href === here) {
      link.setAttribute('aria-current', 'page');
    }
    return link;
  });
  document.getElementById('pages').replaceChildren(...links);
  document.getElementById('who').textContent = me.user;
  document.getElementById('logout').addEventListener('click', async () => {
    try {
      const answer = await api.logout();
      if (answer && answer.sso_logout_url) {
        // The login page offers it: the Outpost session is over already, the provider's is not.
        sessionStorage.setItem(SSO_LOGOUT_KEY, answer.sso_logout_url);
      }
    } finally {
      location.replace('index.html');
    }
  });
  return me;
}

/** A handler that shows a failed call's message in `line`, or returns to the login page on 401. */
export function reporter(line) {
  return (error) => {
    if (error.status === 401) {
      location.replace('index.html');
      return;
    }
    line.textContent = error.message;
    line.hidden = false;
  };
}

export function formatTime(instant) {
  return instant ? new Date(instant).toLocaleString() : '';
}

/** A table row of text cells. */
export function textRow(values) {
  const row = document.createElement('tr');
  row.append(...values.map((value) => element('td', value ?? '')));
  return row;
}

/** A button that runs `action` when clicked. */
export function button(text, className, action) {
  const made = element('button', text, className);
  made.type = 'button';
  made.addEventListener('click', action);
  return made;
}
