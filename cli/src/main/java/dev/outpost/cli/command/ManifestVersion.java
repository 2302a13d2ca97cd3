package dev.outpost.cli.command;

import picocli.CommandLine.IVersionProvider;

/** {@code outpost --version}: the version the build wrote into the jar's manifest. */
final class ManifestVersion implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String version = ManifestVersion.class.getPackage().getImplementationVersion();
    return new String[] {"outpost " + (version == null ? "(development build)" : version)};
  }
}
