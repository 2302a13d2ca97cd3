package dev.outpost.tunnel;

/**
 * Flow-control parameters of one connection's streams, agreed in the handshake.
 *
 * @param receiveWindow credit this side grants per stream (its own HELLO)
 * @param sendWindow credit the peer grants per stream (the peer's HELLO)
 * @param maxChunk largest DATA payload the peer accepts (the peer's HELLO)
 */
record FlowSettings(int receiveWindow, int sendWindow, int maxChunk) {}
