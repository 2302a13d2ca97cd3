package dev.outpost.it;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Starts the test cluster once before the first suite and stops it after the last, so that
 * Arquillian suites and end-to-end suites share one Payara start.
 */
public class ClusterSession implements LauncherSessionListener {

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    TestCluster.get();
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    TestCluster.shutdown();
  }
}
