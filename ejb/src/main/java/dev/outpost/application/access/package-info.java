/**
 * Who may open an SSH session to which node as which login. Denies by default: the user must
 * still exist and be unlocked, hold a role that reaches nodes and the login asked for; the node
 * must be registered and online. Starts and ends of sessions are audited.
 */
package dev.outpost.application.access;
