// The console's REST calls. The session lives in an HttpOnly cookie the page never sees; every
// state-changing call carries the session's CSRF token, which GET /console/session hands out.

const BASE = '/api/v1/console';
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
  const response = await fetch(BASE + path, {
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

export const login = (user, password, totp) =>
  call('POST', '/login', { user, password, totp: totp || null }).then(remember);
export const session = () => call('GET', '/session').then(remember);
export const logout = () => call('POST', '/logout');
export const nodes = () => call('GET', '/nodes');
export const ssoConnectors = () => call('GET', '/sso');
export const terminals = () => call('GET', '/terminals');
export const closeTerminal = (id) => call('DELETE', '/terminals/' + encodeURIComponent(id));

/** The WebSocket URL of a terminal on `node` as `login`, with the CSRF token that binds it to this session. */
export function terminalUrl(node, login, cols, rows) {
  const query = new URLSearchParams({ node, login, cols, rows, csrf: csrfToken });
  return `wss://${location.host}${BASE}/terminal?${query}`;
}
