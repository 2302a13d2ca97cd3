package dev.outpost.tunnel;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The name of an end-to-end stream (client to agent through a relay) that outlives the relay: 128
 * random bits, hex. It names, it does not authorise: a stream resumes only for the identity that
 * owns it ({@link StreamOwner}), so knowing a key gains nothing.
 */
public record StreamKey(String hex) {
  private static final int BYTES = 16;
  private static final Pattern HEX = Pattern.compile("[0-9a-f]{" + 2 * BYTES + "}");

  public StreamKey {
    if (hex == null || !HEX.matcher(hex).matches()) {
      throw new IllegalArgumentException("a stream key is " + 2 * BYTES + " lower-case hex digits");
    }
  }

  public static StreamKey random(SecureRandom random) {
    byte[] bytes = new byte[BYTES];
    random.nextBytes(bytes);
    return new StreamKey(HexFormat.of().formatHex(bytes));
  }

  @Override
  public String toString() {
    return hex;
  }
}
