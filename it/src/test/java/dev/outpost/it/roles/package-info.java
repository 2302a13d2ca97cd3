/**
 * End to end with stock OpenSSH: what roles and locks let a user see and do on real nodes behind
 * the dial-out-only edge network.
 */
package dev.outpost.it.roles;
