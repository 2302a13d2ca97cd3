// The node list: filtered by free text and by one label, sorted by name, rendered as text only.
import { element, printable } from './text.js';

export function labelOptions(nodes) {
  const all = new Set();
  for (const node of nodes) {
    for (const [key, value] of Object.entries(node.labels || {})) {
      all.add(`${key}=${value}`);
    }
  }
  return [...all].sort();
}

export function filterNodes(nodes, text, label) {
  const needle = text.trim().toLowerCase();
  return nodes
    .filter((node) => !label || labelOptions([node]).includes(label))
    .filter((node) => !needle || [node.name, ...labelOptions([node])]
      .some((field) => field.toLowerCase().includes(needle)))
    .sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * Where the node's link stands: online; reconnecting (its tunnel was lost and the proxy waits for
 * it to resume); offline; stale (offline for longer than the cluster's stale-after setting, for an
 * admin to remove); never (joined but never connected).
 */
export function state(node) {
  if (node.online) {
    return 'online';
  }
  if (node.reconnecting) {
    return 'reconnecting';
  }
  if (!node.last_seen) {
    return 'never';
  }
  return node.stale ? 'stale' : 'offline';
}

/** The status as `outpost ls` words it, with the last-seen time in the browser's locale. */
export function status(node) {
  const seen = node.last_seen ? new Date(node.last_seen).toLocaleString() : '';
  switch (state(node)) {
    case 'online': return 'online';
    case 'reconnecting': return `reconnecting, last seen ${seen}`;
    case 'never': return 'never connected';
    case 'stale': return `stale, offline since ${seen}`;
    default: return `offline since ${seen}`;
  }
}

/** Replaces the rows of `tbody` with `nodes`; `connect(node, login)` opens a terminal. */
export function renderNodes(tbody, nodes, logins, connect) {
  const rows = nodes.map((node) => {
    const row = document.createElement('tr');
    row.dataset.node = node.name;
    row.dataset.state = state(node);
    row.append(element('td', node.name, 'node-name'));
    const labels = element('td');
    for (const label of labelOptions([node])) {
      labels.append(element('span', label, 'label'));
    }
    row.append(labels);
    row.append(element('td', status(node), `status ${state(node)}`));
    const actions = element('td');
    const choice = document.createElement('select');
    choice.className = 'login';
    choice.setAttribute('aria-label', `Login on ${printable(node.name)}`);
    for (const login of logins) {
      const option = element('option', login);
      option.value = login;
      choice.append(option);
    }
    const open = element('button', 'Connect', 'connect');
    open.type = 'button';
    open.disabled = !node.online || logins.length === 0;
    open.addEventListener('click', () => connect(node, choice.value));
    actions.append(choice, open);
    row.append(actions);
    return row;
  });
  tbody.replaceChildren(...rows);
}
