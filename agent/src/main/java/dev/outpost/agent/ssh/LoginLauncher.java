package dev.outpost.agent.ssh;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Turns "run this as LOGIN" into a {@link Launch}, the way sshd would start it: a login shell, or
 * {@code <shell> -c <command>}, or a program (sftp-server), in the login's home directory with a
 * fresh environment.
 *
 * <p>When the agent runs as root and the login is someone else, the command is wrapped in {@code
 * runuser -u LOGIN --}, which switches user through PAM (groups, limits) and leaves the
 * environment we built alone. An agent that is not root can only serve its own user.
 */
public class LoginLauncher {
  /** POSIX-portable user names; never starting with '-' so they cannot pass for an option. */
  private static final Pattern LOGIN = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,31}\\$?");

  private static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
  private static final List<Path> RUNUSER_LOCATIONS =
      Stream.of("/usr/sbin/runuser", "/sbin/runuser", "/usr/bin/runuser", "/bin/runuser")
          .map(Path::of)
          .toList();

  private final AgentUser agent;
  private final AccountDirectory accounts;
  private final Optional<Path> runuser;

  public LoginLauncher(AgentUser agent, AccountDirectory accounts, Optional<Path> runuser) {
    this.agent = agent;
    this.accounts = accounts;
    this.runuser = runuser;
  }

  /** A launcher for this process's user, finding runuser where util-linux installs it. */
  public static LoginLauncher forCurrentUser() {
    return new LoginLauncher(
        AgentUser.current(),
        new SystemAccounts(),
        RUNUSER_LOCATIONS.stream().filter(Files::isExecutable).findFirst());
  }

  /** Whether sessions for {@code login} run as the agent's own user (no user switch). */
  public boolean isAgentUser(String login) {
    return agent.name().equals(login);
  }

  /** An interactive login shell. */
  public Launch shell(String login, Map<String, String> clientEnvironment)
      throws LoginRefusedException, IOException {
    Account account = account(login);
    return launch(account, List.of(account.shell(), "-l"), clientEnvironment);
  }

  /** {@code ssh node COMMAND}: the login's shell runs the command line, as sshd does. */
  public Launch command(String login, String commandLine, Map<String, String> clientEnvironment)
      throws LoginRefusedException, IOException {
    Account account = account(login);
    return launch(account, List.of(account.shell(), "-c", commandLine), clientEnvironment);
  }

  /** A program run directly, without a shell (a subsystem such as sftp-server). */
  public Launch program(String login, String program, Map<String, String> clientEnvironment)
      throws LoginRefusedException, IOException {
    return launch(account(login), List.of(program), clientEnvironment);
  }

  private Launch launch(Account account, List<String> command, Map<String, String> clientEnvironment)
      throws LoginRefusedException {
    List<String> line = new ArrayList<>(switchUser(account));
    line.addAll(command);
    Path directory = Files.isDirectory(account.home()) ? account.home() : Path.of("/");
    return new Launch(line, environment(account, clientEnvironment), directory);
  }

  private List<String> switchUser(Account account) throws LoginRefusedException {
    if (isAgentUser(account.name())) {
      return List.of();
    }
    if (!agent.root()) {
      throw new LoginRefusedException(
          "this agent runs as '"
              + agent.name()
              + "', not root, and can only open sessions for login '"
              + agent.name()
              + "'");
    }
    Path binary =
        runuser.orElseThrow(
            () -> new LoginRefusedException("runuser (util-linux) is not installed on this node"));
    return List.of(binary.toString(), "-u", account.name(), "--");
  }

  private Account account(String login) throws LoginRefusedException, IOException {
    if (login == null || !LOGIN.matcher(login).matches()) {
      throw new LoginRefusedException("invalid login name");
    }
    return accounts
        .find(login)
        .orElseThrow(() -> new LoginRefusedException("no login '" + login + "' on this node"));
  }

  private static Map<String, String> environment(Account account, Map<String, String> client) {
    Map<String, String> environment = new TreeMap<>(EnvFilter.filter(client));
    environment.put("HOME", account.home().toString());
    environment.put("USER", account.name());
    environment.put("LOGNAME", account.name());
    environment.put("SHELL", account.shell());
    environment.put("PATH", PATH);
    return environment;
  }
}
