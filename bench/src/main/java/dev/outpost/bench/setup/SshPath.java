package dev.outpost.bench.setup;

import java.util.List;

/** A way for stock OpenSSH {@code ssh} to reach a shell on this machine as root. */
public interface SshPath {

  /** How the path is named in the results, such as "direct" or "tunnel". */
  String name();

  /**
   * The {@code ssh} command line that runs {@code remoteCommand} without a PTY, in batch mode.
   *
   * @param options extra {@code ssh} options, placed before the destination (such as {@code -v})
   */
  List<String> ssh(List<String> options, String remoteCommand);

  default List<String> ssh(String remoteCommand) {
    return ssh(List.of(), remoteCommand);
  }
}
