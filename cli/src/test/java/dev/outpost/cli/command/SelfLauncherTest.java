package dev.outpost.cli.command;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SelfLauncherTest {

  @TempDir Path dir;

  @AfterEach
  void forgetLauncher() {
    System.clearProperty(SelfLauncher.LAUNCHER);
  }

  @Test
  void theLaunchingScriptRunsTheCliAgainWithItsOwnSettings() throws IOException {
    Path script = Files.createFile(dir.resolve("outpost"),
        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
    System.setProperty(SelfLauncher.LAUNCHER, script.toString());

    assertEquals(List.of(script.toString()), SelfLauncher.command());
  }

  @Test
  void withoutALaunchingScriptTheRunningJvmRunsItAgain() throws IOException {
    Path notExecutable = Files.createFile(dir.resolve("outpost"));
    System.setProperty(SelfLauncher.LAUNCHER, notExecutable.toString());

    List<String> command = SelfLauncher.command();

    assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), command.get(0));
    assertNotEquals(notExecutable.toString(), command.get(command.size() - 1));
  }
}
