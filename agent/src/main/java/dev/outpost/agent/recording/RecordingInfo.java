package dev.outpost.agent.recording;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Properties;
import java.util.UUID;

/**
 * What a spooled recording is about, kept beside its bytes as {@code ID.properties}, so that an
 * upload after an agent restart still knows it.
 *
 * @param id the recording
 * @param sessionId the proxy's session id, or null
 * @param user the Outpost user, or null
 * @param login the OS login
 * @param started when the recording began
 */
public record RecordingInfo(UUID id, UUID sessionId, String user, String login, Instant started) {

  void store(Writer out) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("id", id.toString());
    if (sessionId != null) {
      properties.setProperty("session", sessionId.toString());
    }
    if (user != null) {
      properties.setProperty("user", user);
    }
    properties.setProperty("login", login);
    properties.setProperty("started", started.toString());
    properties.store(out, "outpost recording");
  }

  static RecordingInfo load(Reader in) throws IOException {
    Properties properties = new Properties();
    properties.load(in);
    try {
      String session = properties.getProperty("session");
      return new RecordingInfo(UUID.fromString(properties.getProperty("id")),
          session == null ? null : UUID.fromString(session), properties.getProperty("user"),
          properties.getProperty("login"), Instant.parse(properties.getProperty("started")));
    } catch (IllegalArgumentException | NullPointerException | DateTimeParseException e) {
      throw new IOException("unreadable recording description: " + e.getMessage(), e);
    }
  }
}
