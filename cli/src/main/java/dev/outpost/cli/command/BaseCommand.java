package dev.outpost.cli.command;

import dev.outpost.cli.profile.CredentialStore;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** A leaf command: runs, prints through picocli's writers, returns its exit code. */
public abstract class BaseCommand implements Callable<Integer> {

  protected static final int OK = 0;

  @Spec CommandSpec spec;

  protected final OutpostCommand root() {
    return (OutpostCommand) spec.root().userObject();
  }

  protected final CliEnvironment environment() {
    return root().environment();
  }

  protected final CredentialStore store() {
    return new CredentialStore(root().home(), environment().clock());
  }

  protected final PrintWriter out() {
    return spec.commandLine().getOut();
  }

  protected final PrintWriter err() {
    return spec.commandLine().getErr();
  }
}
