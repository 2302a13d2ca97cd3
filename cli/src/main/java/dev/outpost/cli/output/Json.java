package dev.outpost.cli.output;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.outpost.client.http.WireJson;
import java.io.PrintWriter;

/**
 * {@code --format=json}: one compact line in the API's own dialect ({@code snake_case}, ISO-8601
 * instants), so that scripts parse the same names the REST API documents.
 */
public final class Json {
  private Json() {}

  public static void print(PrintWriter out, Object value) {
    try {
      out.println(WireJson.mapper().writeValueAsString(value));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(
          "cannot render " + value.getClass().getSimpleName() + " as JSON", e);
    }
    out.flush();
  }
}
