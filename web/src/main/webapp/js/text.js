// Names and labels come from nodes and other users: they are only ever put on the page as text
// (textContent, never innerHTML), and control characters are shown as visible symbols so that an
// escape sequence in a label is seen, not obeyed.

export function printable(value) {
  return String(value ?? '').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    const code = c.charCodeAt(0);
    if (code < 0x20) {
      return String.fromCharCode(0x2400 + code);
    }
    return code === 0x7f ? '\u2421' : '\uFFFD';
  });
}

/** A new element with printable text content. */
export function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) {
    node.textContent = printable(text);
  }
  if (className) {
    node.className = className;
  }
  return node;
}
