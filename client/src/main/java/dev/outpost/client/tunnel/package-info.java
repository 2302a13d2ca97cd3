/** The client side of the tunnel handshake: proving an OpenSSH certificate's key. */
package dev.outpost.client.tunnel;
