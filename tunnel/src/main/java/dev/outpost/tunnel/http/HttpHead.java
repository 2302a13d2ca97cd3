package dev.outpost.tunnel.http;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The head of an HTTP/1.1 message: a start line and header fields, in order, repeated names kept.
 * Immutable; at most {@link #MAX_BYTES} on the wire. Values never contain CR or LF, so a head
 * built from validated parts cannot smuggle a second header or request.
 *
 * @param startLine {@code GET /api HTTP/1.1} or {@code HTTP/1.1 200 OK}
 * @param fields header fields as name and value
 */
public record HttpHead(String startLine, List<Field> fields) {

  /** Far above what kubectl sends; a head that does not end by then is refused. */
  public static final int MAX_BYTES = 64 * 1024;

  /** One header field. */
  public record Field(String name, String value) {
    public Field {
      requireSingleLine(name);
      requireSingleLine(value);
      if (name.isEmpty() || name.indexOf(':') >= 0 || name.indexOf(' ') >= 0) {
        throw new IllegalArgumentException("invalid header name '" + name + "'");
      }
    }
  }

  public HttpHead {
    requireSingleLine(startLine);
    fields = List.copyOf(fields);
  }

  /**
   * Reads one head from {@code in}, which must be buffered if the caller goes on reading the body
   * from it (this reads byte by byte and never past the blank line).
   *
   * @throws EOFException when the stream ends before the head does
   * @throws IOException when the head is malformed or longer than {@link #MAX_BYTES}
   */
  public static HttpHead read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException("stream ended inside an HTTP head");
      }
      if (++total > MAX_BYTES) {
        throw new IOException("HTTP head longer than " + MAX_BYTES + " bytes");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        text = text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
        line.reset();
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
      } else {
        line.write(b);
      }
    }
    if (lines.isEmpty()) {
      throw new IOException("empty HTTP head");
    }
    List<Field> fields = new ArrayList<>();
    for (String field : lines.subList(1, lines.size())) {
      int colon = field.indexOf(':');
      if (colon <= 0) {
        throw new IOException("malformed header line '" + field + "'");
      }
      try {
        fields.add(new Field(field.substring(0, colon), field.substring(colon + 1).strip()));
      } catch (IllegalArgumentException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
    return new HttpHead(lines.get(0), fields);
  }

  public void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    fields.forEach(field -> text.append(field.name()).append(": ").append(field.value()).append("\r\n"));
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The first value of header {@code name} (case-insensitive). */
  public Optional<String> header(String name) {
    return fields.stream().filter(field -> field.name().equalsIgnoreCase(name))
        .map(Field::value).findFirst();
  }

  /** This head without the fields whose lowercase name {@code drop} accepts. */
  public HttpHead without(Predicate<String> drop) {
    return new HttpHead(startLine, fields.stream()
        .filter(field -> !drop.test(field.name().toLowerCase(Locale.ROOT))).toList());
  }

  /** This head with one more field at the end. */
  public HttpHead with(String name, String value) {
    List<Field> more = new ArrayList<>(fields);
    more.add(new Field(name, value));
    return new HttpHead(startLine, more);
  }

  /** The status code of a response head. */
  public int status() throws IOException {
    String[] parts = startLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new IOException("not an HTTP/1.x status line: '" + startLine + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new IOException("not an HTTP/1.x status line: '" + startLine + "'", e);
    }
  }

  private static void requireSingleLine(String text) {
    if (text == null || text.indexOf('\r') >= 0 || text.indexOf('\n') >= 0) {
      throw new IllegalArgumentException("header text must be one line");
    }
  }
}
