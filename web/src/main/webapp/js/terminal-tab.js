// One terminal tab: xterm.js in the page, the proxy's terminal WebSocket behind it
// (protocol: docs/wire-contracts.md, "Browser terminal").
import { Terminal } from '../vendor/xterm/lib/xterm.mjs';
import { FitAddon } from '../vendor/xterm-addon-fit/lib/addon-fit.mjs';
import * as api from './api.js';
import { element } from './text.js';

const VERSION = 1;
/** Input is sent in pieces that stay under the proxy's 64 KiB message limit even when escaped. */
const INPUT_CHUNK = 8192;

export class TerminalTab {
  constructor(node, login, { tabs, panels, activate, closed, cluster }) {
    this.node = node;
    this.login = login;
    this.cluster = cluster;
    this.closedCallback = closed;
    this.tab = element('button', undefined, 'tab');
    this.tab.setAttribute('role', 'tab');
    this.tab.append(element('span', `${login}@${node}${cluster ? '.' + cluster : ''}`, 'title'));
    const close = element('span', '\u00d7', 'close');
    close.title = 'Close this session';
    this.tab.append(close);
    this.tab.addEventListener('click', (event) => {
      if (event.target === close) {
        this.close();
      } else {
        activate(this);
      }
    });
    this.panel = element('section', undefined, 'panel terminal-panel');
    this.status = element('div', undefined, 'terminal-status');
    this.status.hidden = true;
    this.statusText = element('span', '', 'message');
    this.reconnectButton = element('button', 'Reconnect', 'reconnect');
    this.reconnectButton.addEventListener('click', () => this.connect());
    this.status.append(this.statusText, this.reconnectButton);
    this.host = element('div', undefined, 'terminal-host');
    this.panel.append(this.status, this.host);
    tabs.append(this.tab);
    panels.append(this.panel);

    this.term = new Terminal({ cursorBlink: true, fontSize: 14, scrollback: 5000, convertEol: false });
    this.fit = new FitAddon();
    this.term.loadAddon(this.fit);
    this.term.open(this.host);
    this.term.onData((data) => this.sendInput(data));
    this.term.onResize(({ cols, rows }) => this.send({ type: 'resize', cols, rows }));
    this.term.attachCustomKeyEventHandler((event) => this.copyShortcut(event));
    new ResizeObserver(() => this.refit()).observe(this.host);
    // For tests and tools: the visible lines of the terminal buffer, as text.
    this.panel.readBuffer = () => this.lines();
  }

  connect() {
    this.status.hidden = true;
    this.session = null;
    this.refit();
    const socket = new WebSocket(api.terminalUrl(this.node, this.login, this.term.cols, this.term.rows, this.cluster));
    this.socket = socket;
    socket.onmessage = (event) => this.receive(JSON.parse(event.data));
    socket.onclose = () => {
      if (this.socket === socket && this.status.hidden) {
        this.ended('The connection to the proxy was lost.');
      }
    };
    this.term.focus();
  }

  receive(message) {
    if (message.v !== VERSION) {
      this.ended(`The proxy speaks terminal protocol version ${message.v}, this page ${VERSION}.`);
      return;
    }
    switch (message.type) {
      case 'ready':
        this.session = message.session;
        this.panel.dataset.session = message.session;
        break;
      case 'data':
        this.term.write(message.data);
        break;
      case 'close':
        this.ended(`Session ended: ${message.reason}.`);
        break;
      case 'error':
        this.ended(`Refused: ${message.message}`);
        break;
      default:
        break;
    }
  }

  ended(text) {
    this.statusText.textContent = text;
    this.status.hidden = false;
    this.socket = null;
  }

  send(message) {
    if (this.socket && this.socket.readyState === WebSocket.OPEN) {
      this.socket.send(JSON.stringify({ v: VERSION, ...message }));
    }
  }

  sendInput(data) {
    for (let i = 0; i < data.length; i += INPUT_CHUNK) {
      this.send({ type: 'data', data: data.slice(i, i + INPUT_CHUNK) });
    }
  }

  /** Ctrl+Shift+C copies the selection; Ctrl+C stays an interrupt for the shell. */
  copyShortcut(event) {
    if (event.type === 'keydown' && event.ctrlKey && event.shiftKey && event.code === 'KeyC') {
      navigator.clipboard?.writeText(this.term.getSelection());
      return false;
    }
    return true;
  }

  refit() {
    if (this.panel.classList.contains('active')) {
      this.fit.fit();
    }
  }

  lines() {
    const buffer = this.term.buffer.active;
    const lines = [];
    for (let i = 0; i < buffer.length; i++) {
      lines.push(buffer.getLine(i).translateToString(true));
    }
    return lines;
  }

  show(active) {
    this.tab.classList.toggle('active', active);
    this.panel.classList.toggle('active', active);
    if (active) {
      this.refit();
      this.term.focus();
    }
  }

  close() {
    this.send({ type: 'close' });
    const socket = this.socket;
    this.socket = null;
    if (socket) {
      setTimeout(() => socket.close(), 1000);
    }
    this.term.dispose();
    this.tab.remove();
    this.panel.remove();
    this.closedCallback(this);
  }
}
