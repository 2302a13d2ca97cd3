/**
 * Just enough SPDY/3.1 for the API server stand-in's {@code port-forward}: the frames kubectl's
 * spdystream exchanges ({@link dev.outpost.it.kube.spdy.SpdyFrame}), read and written with their
 * header blocks compressed by zlib with the SPDY/3 dictionary, one compression context per
 * direction of a connection. No flow control windows are enforced, no priorities honoured.
 */
package dev.outpost.it.kube.spdy;
