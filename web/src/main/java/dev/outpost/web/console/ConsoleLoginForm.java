package dev.outpost.web.console;

/** The login form: user name, password, and the TOTP code for enrolled users. */
public record ConsoleLoginForm(String user, String password, String totp) {

  @Override
  public String toString() {
    return "ConsoleLoginForm[user=" + user + "]";
  }
}
