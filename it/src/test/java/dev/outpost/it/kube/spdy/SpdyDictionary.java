package dev.outpost.it.kube.spdy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The zlib dictionary of SPDY/3 header blocks (draft-mbelshe-httpbis-spdy-00, 2.6.10.1): common
 * header names and values, each with a 32-bit length, then status lines, dates and media types as
 * one run. Its Adler-32 checksum, the dictionary id in the zlib header, is {@value #ADLER32}.
 */
final class SpdyDictionary {
  static final long ADLER32 = 0xe3c6a7c2L;

  private static final List<String> WORDS = List.of("options", "head", "post", "put", "delete",
      "trace", "accept", "accept-charset", "accept-encoding", "accept-language", "accept-ranges",
      "age", "allow", "authorization", "cache-control", "connection", "content-base",
      "content-encoding", "content-language", "content-length", "content-location", "content-md5",
      "content-range", "content-type", "date", "etag", "expect", "expires", "from", "host",
      "if-match", "if-modified-since", "if-none-match", "if-range", "if-unmodified-since",
      "last-modified", "location", "max-forwards", "pragma", "proxy-authenticate",
      "proxy-authorization", "range", "referer", "retry-after", "server", "te", "trailer",
      "transfer-encoding", "upgrade", "user-agent", "vary", "via", "warning", "www-authenticate",
      "method", "get", "status", "200 OK", "version", "HTTP/1.1", "url", "public", "set-cookie",
      "keep-alive", "origin");
  private static final String TAIL = "100101201202205206300302303304305306307402405406407408409"
      + "410411412413414415416417502504505203 Non-Authoritative Information204 No Content"
      + "301 Moved Permanently400 Bad Request401 Unauthorized403 Forbidden404 Not Found"
      + "500 Internal Server Error501 Not Implemented503 Service Unavailable"
      + "Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 "
      + "Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT"
      + "chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,"
      + "text/plain,text/javascript,publicprivatemax-age=gzip,deflate,sdch"
      + "charset=utf-8charset=iso-8859-1,utf-,*,enq=0.";

  private SpdyDictionary() {}

  /** A fresh copy of the dictionary's 1,423 bytes. */
  static byte[] bytes() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (String word : WORDS) {
      byte[] bytes = word.getBytes(StandardCharsets.US_ASCII);
      out.write(bytes.length >>> 24);
      out.write(bytes.length >>> 16);
      out.write(bytes.length >>> 8);
      out.write(bytes.length);
      out.writeBytes(bytes);
    }
    out.writeBytes(TAIL.getBytes(StandardCharsets.US_ASCII));
    return out.toByteArray();
  }
}
