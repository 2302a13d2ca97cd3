package dev.outpost.bench.measure;

import dev.outpost.bench.setup.Program;
import dev.outpost.bench.setup.SshPath;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The cipher a path's SSH session settles on, as {@code ssh -v} reports it. */
public final class NegotiatedCipher {
  private static final Pattern SERVER_TO_CLIENT = Pattern.compile("kex: server->client cipher: (\\S+)");

  private NegotiatedCipher() {}

  public static String of(SshPath path) {
    String log = Program.run(path.ssh(List.of("-v"), "true")).stderr();
    Matcher m = SERVER_TO_CLIENT.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("ssh -v over " + path.name() + " named no cipher:\n" + log);
    }
    return m.group(1);
  }
}
