// The audit log for admins: the rows of GET /api/v1/audit, filtered and paged, as text only.
import * as api from './api.js';
import { formatTime, reporter, startPage, textRow } from './page.js';

const form = document.getElementById('audit-filters');
const rows = document.getElementById('audit-rows');
const previous = document.getElementById('previous');
const next = document.getElementById('next');
const info = document.getElementById('page-info');
const errorLine = document.getElementById('page-error');
const showError = reporter(errorLine);
let offset = 0;

function filters() {
  return {
    since: form.since.value.trim(), type: form.type.value.trim(), user: form.user.value.trim(),
    node: form.node.value.trim(), limit: Number(form.limit.value), offset,
  };
}

async function show() {
  const query = filters();
  try {
    const events = await api.audit(query);
    errorLine.hidden = true;
    rows.replaceChildren(...events.map((event) => {
      const row = textRow([formatTime(event.time), event.type, event.actor, event.target, event.node,
        event.login, event.session_id, event.remote_addr, event.outcome, event.reason]);
      row.dataset.event = event.id;
      return row;
    }));
    info.textContent = events.length === 0 ? 'no events'
      : `events ${query.offset + 1}–${query.offset + events.length}`;
    previous.disabled = query.offset === 0;
    next.disabled = events.length < query.limit;
  } catch (error) {
    showError(error);
  }
}

form.addEventListener('submit', (event) => {
  event.preventDefault();
  offset = 0;
  show();
});
previous.addEventListener('click', () => {
  offset = Math.max(0, offset - Number(form.limit.value));
  show();
});
next.addEventListener('click', () => {
  offset += Number(form.limit.value);
  show();
});

startPage().then(show);
