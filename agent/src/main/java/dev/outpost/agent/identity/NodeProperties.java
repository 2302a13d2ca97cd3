package dev.outpost.agent.identity;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.util.Properties;

/**
 * {@code node.properties}: which cluster this node joined, under which name, through which proxy.
 *
 * @param cluster cluster name
 * @param node node name as the proxy registered it
 * @param proxy the proxy's {@code HOST:PORT}
 */
public record NodeProperties(String cluster, String node, String proxy) {

  public NodeProperties {
    require(cluster, "cluster");
    require(node, "node");
    require(proxy, "proxy");
  }

  static NodeProperties read(Reader reader) throws IOException {
    Properties properties = new Properties();
    properties.load(reader);
    try {
      return new NodeProperties(
          properties.getProperty("cluster"),
          properties.getProperty("node"),
          properties.getProperty("proxy"));
    } catch (IllegalArgumentException e) {
      throw new IOException("node.properties: " + e.getMessage(), e);
    }
  }

  String format() {
    Properties properties = new Properties();
    properties.setProperty("cluster", cluster);
    properties.setProperty("node", node);
    properties.setProperty("proxy", proxy);
    StringWriter out = new StringWriter();
    try {
      properties.store(out, "Outpost agent identity; written on joining");
    } catch (IOException e) {
      throw new IllegalStateException(e); // a StringWriter does not fail
    }
    return out.toString();
  }

  private static void require(String value, String name) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + " is missing");
    }
  }
}
