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
 * The head of an HTTP/1.1 message: the start line ({@code GET /x HTTP/1.1} or {@code HTTP/1.1 200
 * OK}) and the header fields in order, repeated names kept. Immutable; {@code with}/{@code
 * without}/{@code plus} return copies. Names are tokens and nothing contains CR or LF, so a head
 * built from parts cannot smuggle a second header or request.
 *
 * @param startLine the request or status line, without CRLF
 * @param headers the header fields in the order received
 */
public record HttpHead(String startLine, List<Header> headers) {

  /** Heads larger than this are refused: no browser, app or kubectl needs more, and memory stays bounded. */
  public static final int MAX_BYTES = 64 * 1024;

  /**
   * One header field.
   *
   * @param name the field name as sent
   * @param value the value, trimmed
   */
  public record Header(String name, String value) {
    public boolean is(String other) {
      return name.equalsIgnoreCase(other);
    }
  }

  public HttpHead {
    if (startLine.contains("\r") || startLine.contains("\n")) {
      throw new IllegalArgumentException("line break in start line");
    }
    for (Header header : headers) {
      if (!isToken(header.name()) || header.value().contains("\r")
          || header.value().contains("\n")) {
        throw new IllegalArgumentException("malformed header field '" + header.name() + "'");
      }
    }
    headers = List.copyOf(headers);
  }

  /**
   * Reads one head, up to and including the empty line, leaving the body in {@code in} (reads
   * byte by byte, never past the blank line).
   *
   * @throws EOFException when the stream ends before the head does
   * @throws HttpHeadException when the head exceeds {@link #MAX_BYTES} or a line is malformed
   */
  public static HttpHead read(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) {
        throw new EOFException(total == 0 ? "no message" : "message head ended early");
      }
      if (++total > MAX_BYTES) {
        throw new HttpHeadException("message head larger than " + MAX_BYTES + " bytes");
      }
      if (b == '\n') {
        String text = line.toString(StandardCharsets.ISO_8859_1);
        if (text.endsWith("\r")) {
          text = text.substring(0, text.length() - 1);
        }
        if (text.isEmpty()) {
          break;
        }
        lines.add(text);
        line.reset();
      } else {
        line.write(b);
      }
    }
    if (lines.isEmpty()) {
      throw new HttpHeadException("no start line");
    }
    List<Header> headers = new ArrayList<>();
    for (String field : lines.subList(1, lines.size())) {
      int colon = field.indexOf(':');
      if (colon <= 0 || field.charAt(0) == ' ' || field.charAt(0) == '\t') {
        throw new HttpHeadException("malformed header line");
      }
      headers.add(new Header(field.substring(0, colon), field.substring(colon + 1).trim()));
    }
    try {
      return new HttpHead(lines.get(0), headers);
    } catch (IllegalArgumentException e) {
      throw new HttpHeadException(e.getMessage());
    }
  }

  /** Writes the head and the empty line that ends it. */
  public void write(OutputStream out) throws IOException {
    StringBuilder text = new StringBuilder(startLine).append("\r\n");
    headers.forEach(h -> text.append(h.name()).append(": ").append(h.value()).append("\r\n"));
    out.write(text.append("\r\n").toString().getBytes(StandardCharsets.ISO_8859_1));
  }

  /** The first value of header {@code name} (any case). */
  public Optional<String> header(String name) {
    return headers.stream().filter(h -> h.is(name)).map(Header::value).findFirst();
  }

  /** A copy without the headers whose lowercase name {@code drop} accepts. */
  public HttpHead without(Predicate<String> drop) {
    return new HttpHead(startLine, headers.stream()
        .filter(h -> !drop.test(h.name().toLowerCase(Locale.ROOT))).toList());
  }

  /** A copy where {@code name} has exactly one value, {@code value}, in place of any others. */
  public HttpHead with(String name, String value) {
    return without(name.toLowerCase(Locale.ROOT)::equals).plus(new Header(name, value));
  }

  /** A copy with {@code header} appended, keeping any others of that name. */
  public HttpHead plus(Header header) {
    List<Header> copy = new ArrayList<>(headers);
    copy.add(header);
    return new HttpHead(startLine, copy);
  }

  /** A copy with another start line. */
  public HttpHead withStartLine(String line) {
    return new HttpHead(line, headers);
  }

  /** Whether a comma-separated header such as {@code Connection} lists {@code token}. */
  public boolean lists(String name, String token) {
    return headers.stream().filter(h -> h.is(name))
        .flatMap(h -> List.of(h.value().split(",")).stream())
        .anyMatch(t -> t.trim().equalsIgnoreCase(token));
  }

  /** The status code of a response head. */
  public int status() throws HttpHeadException {
    String[] parts = startLine.split(" ", 3);
    if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
      throw new HttpHeadException("not an HTTP/1.x status line: '" + startLine + "'");
    }
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      throw new HttpHeadException("not an HTTP/1.x status line: '" + startLine + "'");
    }
  }

  private static boolean isToken(String name) {
    if (name.isEmpty()) {
      return false;
    }
    for (char c : name.toCharArray()) {
      if (c <= 32 || c >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(c) >= 0) {
        return false;
      }
    }
    return true;
  }
}
