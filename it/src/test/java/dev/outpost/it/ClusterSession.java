package dev.outpost.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test cluster once before the first suite and stops it after the last, so that
 * Arquillian suites and end-to-end suites share one Payara start. Not when system property
 * {@value #PROPERTY} is {@code false}: surefire sets it for the unit tests of the test machinery,
 * which need no cluster.
 */
public class ClusterSession implements LauncherSessionListener {
  static final String PROPERTY = "outpost.it.cluster";

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (Boolean.parseBoolean(System.getProperty(PROPERTY, "true"))) {
      TestCluster.get();
    }
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestCluster.shutdown();
  }
}
