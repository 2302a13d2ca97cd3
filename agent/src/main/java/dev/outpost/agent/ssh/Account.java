package dev.outpost.agent.ssh;

import java.nio.file.Path;

/**
 * An OS account on this node, as the password database describes it.
 *
 * @param name login name
 * @param uid numeric user id
 * @param home home directory
 * @param shell login shell
 */
public record Account(String name, int uid, Path home, String shell) {

  private static final String DEFAULT_SHELL = "/bin/sh";

  /**
   * Parses one passwd(5) line, {@code name:password:uid:gid:gecos:home:shell}; an empty shell
   * means {@code /bin/sh}, as for login(1).
   *
   * @throws IllegalArgumentException when the line is malformed
   */
  public static Account parsePasswdLine(String line) {
    String[] fields = line.split(":", -1);
    if (fields.length != 7) {
      throw new IllegalArgumentException("malformed passwd entry");
    }
    String shell = fields[6].isBlank() ? DEFAULT_SHELL : fields[6];
    return new Account(fields[0], Integer.parseInt(fields[2]), Path.of(fields[5]), shell);
  }
}
