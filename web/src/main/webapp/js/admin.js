// Administration for admins over the admin REST resources: users, roles, locks, nodes, join tokens.
// Everything from the server is shown as text; secrets (invite code, join token) are shown once;
// removals ask first.
import * as api from './api.js';
import { labelOptions, state, status } from './node-table.js';
import { button, formatTime, reporter, startPage, textRow } from './page.js';
import { element, printable } from './text.js';

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

/**
 * A click handler that makes `call` once the admin confirms `question`: removals cannot be undone.
 * The question is plain text in the browser's own dialog, control characters shown as symbols.
 */
const removal = (question, call) => () => {
  if (window.confirm(printable(question))) {
    change(call);
  }
};

/**
 * A row of text cells ending in action buttons, each `[label, className, onClick]`; `key` names the
 * row for people and tests.
 */
function actionRow(key, values, actions) {
  const row = textRow(values);
  row.dataset.key = key;
  const cell = document.createElement('td');
  cell.append(...actions.map(([label, className, onClick]) => button(label, className, onClick)));
  row.append(cell);
  return row;
}

/** Shows secret lines in a box, once: they are not kept and cannot be read again. */
function showOnce(box, lines) {
  box.replaceChildren(...lines.map((line) => element('div', line)));
  box.hidden = false;
}

function userRow(user) {
  return actionRow(user.name,
    [user.name, user.roles.join(', '), user.logins.join(', '), user.totp ? 'yes' : 'no',
      user.password_set ? 'yes' : 'invited', formatTime(user.created)],
    [['Edit', 'edit', () => editUser(user)],
      ['Remove', 'remove', removal(`Remove user ${user.name}? Their sessions end within seconds.`,
        () => api.admin.removeUser(user.name))]]);
}

function roleRow(role) {
  const actions = role.builtin ? [] : [['Delete', 'remove',
    removal(`Delete role ${role.name}? Its users lose what it allows.`, () => api.admin.removeRole(role.name))]];
  const row = actionRow(role.name, [role.name, json(role.allow), json(role.deny), json(role.options)], actions);
  [...row.cells].slice(1, 4).forEach((cell) => cell.classList.add('role-detail'));
  return row;
}

function lockRow(lock) {
  return actionRow(lock.id, [lock.kind, lock.target, lock.message, lock.created_by, formatTime(lock.expires)],
    [['Lift', 'remove', removal(`Lift the lock on ${lock.kind} ${lock.target}? Access is allowed again at once.`,
      () => api.admin.liftLock(lock.id))]]);
}

/** Only offline nodes can be removed: the proxy refuses online and reconnecting ones. */
function nodeRow(node) {
  const gone = state(node) !== 'online' && state(node) !== 'reconnecting';
  const actions = gone ? [['Remove', 'remove', removal(
    `Remove node ${node.name}? Its agent cannot connect again until the device joins anew.`,
    () => api.admin.removeNode(node.name))]] : [];
  return actionRow(node.name, [node.name, labelOptions([node]).join(', '), status(node)], actions);
}

async function refresh() {
  const [users, roles, locks, nodes] = await Promise.all(
    [api.admin.users(), api.admin.roles(), api.admin.locks(), api.admin.nodes()]);
  document.getElementById('user-rows').replaceChildren(...users.map(userRow));
  document.getElementById('role-rows').replaceChildren(...roles.map(roleRow));
  document.getElementById('lock-rows').replaceChildren(...locks.map(lockRow));
  document.getElementById('node-rows').replaceChildren(
    ...nodes.sort((a, b) => a.name.localeCompare(b.name)).map(nodeRow));
}

/** Fills the user form with `user`'s roles and logins, to be changed and saved. */
function editUser(user) {
  const form = document.getElementById('user-form');
  form.elements.namedItem('name').value = user.name;
  form.elements.namedItem('roles').value = user.roles.join(', ');
  form.elements.namedItem('logins').value = user.logins.join(', ');
  form.hidden = false;
  form.elements.namedItem('roles').focus();
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

onSubmit('user-form', async (form) => {
  const updated = await change(() => api.admin.updateUser(value(form, 'name'), list(value(form, 'roles')),
    list(value(form, 'logins'))));
  if (updated) {
    form.reset();
    form.hidden = true;
  }
});

document.getElementById('cancel-edit').addEventListener('click', () => {
  const form = document.getElementById('user-form');
  form.reset();
  form.hidden = true;
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
