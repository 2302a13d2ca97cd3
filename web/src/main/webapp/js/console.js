import * as api from './api.js';
import { filterNodes, labelOptions, renderNodes } from './node-table.js';
import { reporter, startPage } from './page.js';
import { TerminalTab } from './terminal-tab.js';
import { element } from './text.js';

const REFRESH_MS = 5000;
const nodesTab = document.getElementById('tab-nodes');
const nodesPanel = document.getElementById('panel-nodes');
const tabs = document.getElementById('tabs');
const panels = document.getElementById('panels');
const filterText = document.getElementById('filter-text');
const filterLabel = document.getElementById('filter-label');
const errorLine = document.getElementById('console-error');
const clusterChoice = document.getElementById('cluster');
const terminals = new Set();
let me = null;
let allNodes = [];

function activate(tab) {
  nodesTab.classList.toggle('active', tab === null);
  nodesPanel.classList.toggle('active', tab === null);
  for (const terminal of terminals) {
    terminal.show(terminal === tab);
  }
}

/** The leaf cluster whose nodes, apps and Kubernetes clusters are shown, or '' for this cluster's own. */
function chosenLeaf() {
  return clusterChoice.selectedOptions[0]?.dataset.kind === 'leaf' ? clusterChoice.value : '';
}

function openTerminal(node, login) {
  const tab = new TerminalTab(node.name, login, {
    tabs, panels, activate, cluster: chosenLeaf(),
    closed: (closed) => {
      terminals.delete(closed);
      activate(null);
      setTimeout(refresh, 1500);
    },
  });
  terminals.add(tab);
  activate(tab);
  tab.connect();
  setTimeout(refresh, 1500);
}

const showError = reporter(errorLine);

function renderFilters() {
  const chosen = filterLabel.value;
  const options = labelOptions(allNodes).map((label) => {
    const option = element('option', label);
    option.value = label;
    return option;
  });
  const any = element('option', 'All labels');
  any.value = '';
  filterLabel.replaceChildren(any, ...options);
  filterLabel.value = options.some((o) => o.value === chosen) ? chosen : '';
}

function renderNodeRows() {
  renderNodes(document.getElementById('node-rows'),
    filterNodes(allNodes, filterText.value, filterLabel.value), me.logins, openTerminal);
}

function renderSessions(list) {
  const rows = list.map((session) => {
    const row = document.createElement('tr');
    row.dataset.session = session.session;
    row.append(element('td', session.node), element('td', session.login),
      element('td', new Date(session.started).toLocaleString()));
    const close = element('button', 'Close', 'close-session');
    close.addEventListener('click', () => api.closeTerminal(session.session).then(refresh, showError));
    const cell = element('td');
    cell.append(close);
    row.append(cell);
    return row;
  });
  document.getElementById('session-rows').replaceChildren(...rows);
}

/**
 * One row per app the roles allow; "Open" goes through launch.html to the app's own host, which
 * for app APP of leaf cluster LEAF is APP--LEAF under the apps domain (none when that is longer
 * than a DNS label: no URL).
 */
function renderApps(list, leaf) {
  const rows = list.filter((app) => app.public_url).map((app) => {
    const row = document.createElement('tr');
    row.dataset.app = app.name;
    const labels = Object.entries(app.labels).map(([key, value]) => `${key}=${value}`).join(', ');
    row.append(element('td', app.name), element('td', app.node), element('td', labels));
    const open = element('a', 'Open', 'open-app');
    open.href = 'launch.html?' + new URLSearchParams({ app: leaf ? `${app.name}--${leaf}` : app.name, path: '/' });
    open.target = '_blank';
    open.rel = 'noopener';
    const cell = element('td');
    cell.append(open);
    row.append(cell);
    return row;
  });
  document.getElementById('app-rows').replaceChildren(...rows);
}

/** One row per Kubernetes cluster the roles reach, with the command that sets kubectl up. */
function renderKube(list, leaf) {
  const rows = list.map((kube) => {
    const row = document.createElement('tr');
    row.dataset.kube = kube.name;
    const login = `outpost kube login ${leaf ? '--cluster=' + leaf + ' ' : ''}${kube.name}`;
    row.append(element('td', kube.name), element('td', kube.node), element('td', (kube.groups || []).join(', ')),
      element('td', kube.online ? 'online' : 'offline'), element('td', login, 'command'));
    return row;
  });
  document.getElementById('kube-rows').replaceChildren(...rows);
}

/** The cluster switcher: shown once there is a leaf cluster to switch to. */
function renderClusters(list) {
  const chosen = clusterChoice.value;
  const options = list.map((cluster) => {
    const label = cluster.kind === 'leaf' ? `${cluster.name} (leaf${cluster.online ? '' : ', offline'})` : cluster.name;
    const option = element('option', label);
    option.value = cluster.name;
    option.dataset.kind = cluster.kind;
    return option;
  });
  clusterChoice.replaceChildren(...options);
  clusterChoice.value = options.some((o) => o.value === chosen) ? chosen : list[0].name;
  clusterChoice.hidden = list.length < 2;
}

async function refresh() {
  try {
    renderClusters(await api.clusters());
    const leaf = chosenLeaf();
    const [nodes, sessions, apps, kube] = await Promise.all([
      leaf ? api.leafNodes(leaf) : api.nodes(), api.terminals(),
      leaf ? api.leafApps(leaf) : api.apps(), api.kubeClusters(leaf)]);
    allNodes = nodes;
    renderFilters();
    renderNodeRows();
    renderApps(apps, leaf);
    renderKube(kube, leaf);
    renderSessions(sessions);
    errorLine.hidden = true;
    document.getElementById('refreshed').textContent = `updated ${new Date().toLocaleTimeString()}`;
  } catch (error) {
    showError(error);
  }
}

async function start() {
  me = await startPage();
  nodesTab.addEventListener('click', () => activate(null));
  filterText.addEventListener('input', renderNodeRows);
  filterLabel.addEventListener('change', renderNodeRows);
  clusterChoice.addEventListener('change', refresh);
  await refresh();
  setInterval(refresh, REFRESH_MS);
}

start();
