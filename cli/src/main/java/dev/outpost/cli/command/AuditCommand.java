package dev.outpost.cli.command;

import dev.outpost.api.AuditEventView;
import dev.outpost.cli.CliException;
import dev.outpost.cli.output.AuditListing;
import dev.outpost.client.http.ApiClient;
import dev.outpost.client.http.ApiException;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code outpost audit}: the cluster's audit events, oldest first (role admin). */
@Command(name = "audit", description = "List audit events (needs role admin).")
final class AuditCommand extends BaseCommand {
  /** The proxy's largest page. */
  static final int PAGE = 1000;

  @Option(names = "--since", paramLabel = "DURATION|INSTANT", defaultValue = "1h",
      description = "Events since this long ago (90s, 1h, 7d) or since an ISO-8601 instant.")
  String since;

  @Option(names = "--type", paramLabel = "TYPE", description = "Only this type, e.g. session.start.")
  String type;

  @Option(names = "--user", paramLabel = "NAME", description = "Only events by this user or node.")
  String user;

  @Option(names = "--node", paramLabel = "NODE", description = "Only events about this node.")
  String node;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "10000",
      description = "At most this many events (default ${DEFAULT-VALUE}).")
  int limit;

  @Mixin FormatOption format;

  @Override
  public Integer call() throws CliException, ApiException, IOException {
    ApiClient api = store().load().api();
    List<AuditEventView> events = new ArrayList<>();
    while (events.size() < limit) {
      int page = Math.min(PAGE, limit - events.size());
      List<AuditEventView> next = api.getList(path(events.size(), page), AuditEventView.class);
      events.addAll(next);
      if (next.size() < page) {
        break;
      }
    }
    AuditListing.print(out(), format.format(), events);
    return OK;
  }

  private String path(int offset, int page) {
    Map<String, String> query = new LinkedHashMap<>();
    query.put("since", since);
    query.put("type", type);
    query.put("user", user);
    query.put("node", node);
    query.put("offset", Integer.toString(offset));
    query.put("limit", Integer.toString(page));
    return "/api/v1/audit?" + query.entrySet().stream()
        .filter(entry -> entry.getValue() != null)
        .map(entry -> entry.getKey() + "=" + URLEncoder.encode(entry.getValue(),
            StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
