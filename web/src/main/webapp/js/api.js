// The console's REST calls. The session lives in an HttpOnly cookie the page never sees; every
// state-changing call carries the session's CSRF token, which GET /console/session hands out.
// The audit, recording and admin resources are the CLI's own: they accept the console cookie too.

const API = '/api/v1';
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const headers = { 'Accept': 'application/json' };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
  }
  if (method !== 'GET' && csrfToken) {
    headers['X-CSRF-Token'] = csrfToken;
  }
  const response = await fetch(API + path, {
    method, headers, credentials: 'same-origin', cache: 'no-store',
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 204) {
    return null;
  }
  const answer = await response.json().catch(() => ({}));
  if (!response.ok) {
    throw new ApiError(response.status, answer.error || `request failed (${response.status})`);
  }
  return answer;
}

function remember(session) {
  csrfToken = session.csrf_token;
  return session;
}

const path = (...parts) => parts.map(encodeURIComponent).join('/');

export const login = (user, password, totp) =>
  call('POST', '/console/login', { user, password, totp: totp || null }).then(remember);
export const session = () => call('GET', '/console/session').then(remember);
export const logout = () => call('POST', '/console/logout');
export const nodes = () => call('GET', '/console/nodes');
/** This cluster and its leaf clusters, with their state. */
export const clusters = () => call('GET', '/clusters');
/** The nodes of leaf cluster `cluster` this user may reach there. */
export const leafNodes = (cluster) => call('GET', '/nodes?cluster=' + encodeURIComponent(cluster));
export const ssoConnectors = () => call('GET', '/console/sso');
export const terminals = () => call('GET', '/console/terminals');
export const closeTerminal = (id) => call('DELETE', '/console/terminals/' + path(id));
export const apps = () => call('GET', '/console/apps');
/** The web apps of leaf cluster `cluster` this user may open, with their hosts here. */
export const leafApps = (cluster) => call('GET', '/apps?cluster=' + encodeURIComponent(cluster));
/** The Kubernetes clusters this user may reach, here or (with `cluster`) in a leaf cluster. */
export const kubeClusters = (cluster) =>
  call('GET', '/kube/clusters' + (cluster ? '?cluster=' + encodeURIComponent(cluster) : ''));
export const launchApp = (name, appPath) =>
  call('POST', '/console/apps/' + path(name) + '/launch', { path: appPath });

/** Audit events; `filters` holds since, type, user, node, offset, limit (empty ones are left out). */
export function audit(filters) {
  const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== '' && v != null));
  return call('GET', '/audit?' + query);
}

export const recordings = (limit) => call('GET', '/recordings?' + new URLSearchParams({ limit }));
/** Where the player fetches a recording's asciicast file (same origin, with the cookie). */
export const castUrl = (id) => `${API}/recordings/${path(id)}/cast`;

export const admin = {
  users: () => call('GET', '/admin/users'),
  invite: (name, roles, logins) => call('POST', '/admin/users', { name, roles, logins }),
  /** Replaces the user's roles and logins. */
  updateUser: (name, roles, logins) => call('PATCH', '/admin/users/' + path(name), { roles, logins }),
  removeUser: (name) => call('DELETE', '/admin/users/' + path(name)),
  roles: () => call('GET', '/admin/roles'),
  applyRole: (resource) => call('POST', '/admin/roles', { resource }),
  removeRole: (name) => call('DELETE', '/admin/roles/' + path(name)),
  locks: () => call('GET', '/admin/locks'),
  lock: (request) => call('POST', '/admin/locks', request),
  liftLock: (id) => call('DELETE', '/admin/locks/' + path(id)),
  nodes: () => call('GET', '/admin/nodes'),
  removeNode: (name) => call('DELETE', '/admin/nodes/' + path(name)),
  token: (type, ttl) => call('POST', '/admin/tokens', { type, ttl: ttl || null }),
};

/** TOTP enrolment is by password, not by session: it works before a user can log in. */
export const totpSecret = (user) => call('POST', '/mfa/totp/secret', { user });
export const enrollTotp = (request) => call('POST', '/mfa/totp', request);

/**
 * The WebSocket URL of a terminal on `node` (of leaf cluster `cluster`, if given) as `login`, with
 * the CSRF token that binds it to this session.
 */
export function terminalUrl(node, login, cols, rows, cluster) {
  const query = new URLSearchParams({ node, login, cols, rows, csrf: csrfToken });
  if (cluster) {
    query.set('cluster', cluster);
  }
  return `wss://${location.host}${API}/console/terminal?${query}`;
}
