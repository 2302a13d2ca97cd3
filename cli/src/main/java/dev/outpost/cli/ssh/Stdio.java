package dev.outpost.cli.ssh;

import java.io.FileDescriptor;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * The byte streams a remote session or a proxy pipe is connected to: the process's own unbuffered
 * file descriptors in production (SSH carries binary data and needs every byte flushed at once),
 * anything in tests.
 */
public record Stdio(InputStream in, OutputStream out, OutputStream err) {

  public static Stdio process() {
    return new Stdio(
        new FileInputStream(FileDescriptor.in),
        new FileOutputStream(FileDescriptor.out),
        new FileOutputStream(FileDescriptor.err));
  }
}
