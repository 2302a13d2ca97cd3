/** {@code outpost admin ...}: users, join tokens and nodes, through the proxy's admin API. */
package dev.outpost.cli.command.admin;
