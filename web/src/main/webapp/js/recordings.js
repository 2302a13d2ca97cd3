// Recorded sessions (admins see all, others their own: the server decides) and the player.
// AsciinemaPlayer is the player's own script, loaded by the page before this module; it fetches
// the asciicast file itself, from this origin, with the session cookie.
import * as api from './api.js';
import { button, formatTime, isAdmin, reporter, startPage, textRow } from './page.js';

const LIST_LIMIT = 500;
const rows = document.getElementById('recording-rows');
const box = document.getElementById('player-box');
const host = document.getElementById('player');
const errorLine = document.getElementById('page-error');
const showError = reporter(errorLine);
let player = null;

function duration(recording) {
  if (!recording.ended) {
    return 'in progress';
  }
  const seconds = Math.round((Date.parse(recording.ended) - Date.parse(recording.started)) / 1000);
  const minutes = Math.floor(seconds / 60);
  return minutes > 0 ? `${minutes} min ${seconds % 60} s` : `${seconds} s`;
}

function size(bytes) {
  if (bytes < 1024) {
    return `${bytes} B`;
  }
  return bytes < 1024 * 1024 ? `${(bytes / 1024).toFixed(1)} KiB` : `${(bytes / 1048576).toFixed(1)} MiB`;
}

function play(recording) {
  if (player) {
    player.dispose();
  }
  document.getElementById('player-title').textContent =
    `${recording.user} as ${recording.login} on ${recording.node}, ${formatTime(recording.started)}`;
  box.hidden = false;
  box.dataset.recording = recording.id;
  player = window.AsciinemaPlayer.create({ url: api.castUrl(recording.id) }, host,
    { controls: true, fit: 'width', idleTimeLimit: 2, preload: true });
}

async function show() {
  try {
    const list = await api.recordings(LIST_LIMIT);
    rows.replaceChildren(...list.map((recording) => {
      const row = textRow([recording.id, recording.user, recording.login, recording.node,
        formatTime(recording.started), duration(recording), size(recording.size)]);
      row.dataset.recording = recording.id;
      row.dataset.session = recording.session_id ?? '';
      const cell = document.createElement('td');
      // An unfinished upload would play only in part: offer it once the node has confirmed it.
      const action = button('Play', 'play', () => play(recording));
      action.disabled = !recording.complete;
      cell.append(action);
      row.append(cell);
      return row;
    }));
  } catch (error) {
    showError(error);
  }
}

startPage().then((me) => {
  document.getElementById('scope').textContent = isAdmin(me)
    ? 'All recorded sessions of the cluster, newest first.' : 'Your recorded sessions, newest first.';
  show();
});
