package dev.outpost.agent.ssh;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The node's accounts through {@code getent passwd}, so that NSS sources (LDAP, SSSD) count as they
 * do for sshd; {@code /etc/passwd} where getent is missing (minimal images).
 */
public final class SystemAccounts implements AccountDirectory {
  private static final Logger LOG = Logger.getLogger(SystemAccounts.class.getName());
  private static final Path GETENT = Path.of("/usr/bin/getent");
  private static final Path PASSWD = Path.of("/etc/passwd");

  @Override
  public Optional<Account> find(String login) throws IOException {
    String entry = Files.isExecutable(GETENT) ? getent(login) : passwdLine(login);
    if (entry == null) {
      return Optional.empty();
    }
    try {
      Account account = Account.parsePasswdLine(entry);
      return account.name().equals(login) ? Optional.of(account) : Optional.empty();
    } catch (IllegalArgumentException e) {
      LOG.log(Level.WARNING, "ignoring malformed passwd entry for {0}", login);
      return Optional.empty();
    }
  }

  private static String getent(String login) throws IOException {
    Process process = new ProcessBuilder(GETENT.toString(), "passwd", login).redirectErrorStream(true).start();
    try (InputStream out = process.getInputStream()) {
      String answer = new String(out.readNBytes(4096), StandardCharsets.UTF_8).strip();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException("getent passwd did not answer");
      }
      return process.exitValue() == 0 && !answer.isEmpty() ? answer.lines().findFirst().orElse(null) : null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while looking up " + login, e);
    }
  }

  private static String passwdLine(String login) throws IOException {
    try (var lines = Files.lines(PASSWD, StandardCharsets.UTF_8)) {
      return lines.filter(line -> line.startsWith(login + ":")).findFirst().orElse(null);
    }
  }
}
