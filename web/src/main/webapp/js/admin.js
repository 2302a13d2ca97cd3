// Administration for admins over the admin REST resources: users, roles, locks, join tokens.
// Everything from the server is shown as text; secrets (invite code, join token) are shown once.
import * as api from './api.js';
import { button, formatTime, reporter, startPage, textRow } from './page.js';
import { element } from './text.js';

const errorLine = document.getElementById('page-error');
const showError = reporter(errorLine);

// Form fields by name through `elements`: `form.name` and `form.target` are the form's own properties.
const value = (form, name) => form.elements.namedItem(name).value.trim();
const list = (text) => text.split(',').map((item) => item.trim()).filter((item) => item !== '');
const json = (value) => (value && Object.keys(value).length > 0 ? JSON.stringify(value) : '');

/** Runs `action`, then re-reads the tables; a refusal is shown and changes nothing on the page. */
async function change(action) {
  try {
    const result = await action();
    errorLine.hidden = true;
    await refresh();
    return result;
  } catch (error) {
    showError(error);
    return undefined;
  }
}

/** A row of text cells ending in one action button; `key` names the row for people and tests. */
function actionRow(key, values, label, action) {
  const row = textRow(values);
  row.dataset.key = key;
  const cell = document.createElement('td');
  if (action) {
    cell.append(button(label, 'row-action', () => change(action)));
  }
  row.append(cell);
  return row;
}

/** Shows secret lines in a box, once: they are not kept and cannot be read again. */
function showOnce(box, lines) {
  box.replaceChildren(...lines.map((line) => element('div', line)));
  box.hidden = false;
}

async function refresh() {
  const [users, roles, locks] = await Promise.all([api.admin.users(), api.admin.roles(), api.admin.locks()]);
  document.getElementById('user-rows').replaceChildren(...users.map((user) => actionRow(user.name,
    [user.name, user.roles.join(', '), user.logins.join(', '), user.totp ? 'yes' : 'no',
      user.password_set ? 'yes' : 'invited', formatTime(user.created)],
    'Remove', () => api.admin.removeUser(user.name))));
  document.getElementById('role-rows').replaceChildren(...roles.map((role) => {
    const row = actionRow(role.name, [role.name, json(role.allow), json(role.deny), json(role.options)],
      'Delete', role.builtin ? null : () => api.admin.removeRole(role.name));
    [...row.cells].slice(1, 4).forEach((cell) => cell.classList.add('role-detail'));
    return row;
  }));
  document.getElementById('lock-rows').replaceChildren(...locks.map((lock) => actionRow(lock.id,
    [lock.kind, lock.target, lock.message, lock.created_by, formatTime(lock.expires)],
    'Lift', () => api.admin.liftLock(lock.id))));
}

function onSubmit(id, handler) {
  const form = document.getElementById(id);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    handler(form);
  });
}

onSubmit('invite-form', async (form) => {
  const created = await change(() => api.admin.invite(value(form, 'name'), list(value(form, 'roles')),
    list(value(form, 'logins'))));
  if (created) {
    showOnce(document.getElementById('invite-result'), [
      `Invite for ${created.name}, shown once, valid until ${formatTime(created.expires)}:`,
      `code: ${created.invite_code}`, `link: ${created.invite_url}`]);
    form.reset();
  }
});

onSubmit('role-form', async (form) => {
  const applied = await change(() => api.admin.applyRole(value(form, 'resource')));
  if (applied) {
    document.getElementById('role-result').textContent =
      `role ${applied.name} ${applied.created ? 'created' : 'updated'}`;
    form.reset();
  }
});

onSubmit('lock-form', async (form) => {
  const target = value(form, 'target');
  const kind = value(form, 'kind');
  const locked = await change(() => api.admin.lock({
    user: kind === 'user' ? target : null, node: kind === 'node' ? target : null,
    ttl: value(form, 'ttl') || null, message: value(form, 'message') || null,
  }));
  if (locked) {
    form.reset();
  }
});

onSubmit('token-form', async (form) => {
  const token = await change(() => api.admin.token(value(form, 'type'), value(form, 'ttl')));
  if (token) {
    showOnce(document.getElementById('token-result'), [
      `Join token for a ${token.type}, shown once, valid until ${formatTime(token.expires)}:`,
      `token: ${token.token}`, `CA pin: ${token.ca_pin}`]);
  }
});

startPage().then(() => refresh().catch(showError));
