/**
 * The tunnel's wire format: typed, versioned binary frames ({@link dev.outpost.tunnel.frame.Frame},
 * a sealed set of records) and the {@link dev.outpost.tunnel.frame.FrameCodec} that maps them to
 * binary messages with a payload limit, rejecting anything malformed with a precise {@link
 * dev.outpost.tunnel.frame.FrameException}.
 */
package dev.outpost.tunnel.frame;
