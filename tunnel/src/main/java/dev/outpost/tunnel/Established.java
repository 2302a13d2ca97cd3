package dev.outpost.tunnel;

import dev.outpost.tunnel.frame.Frame;

/**
 * What a completed handshake settled.
 *
 * @param peerHello the peer's HELLO: its payload limit and the window it grants
 * @param peerIdentity who the peer proved to be (accepting side); empty on the dialing side
 * @param ownIdentity who the peer confirmed this side to be (dialing side); empty on the accepting
 *     side
 */
record Established(Frame.Hello peerHello, String peerIdentity, String ownIdentity) {}
