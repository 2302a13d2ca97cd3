package dev.outpost.cli.command.admin;

import java.util.Locale;

/** What may join with a token; the wire name is the lower-case constant name. */
enum TokenType {
  NODE,
  KUBE,
  APP,
  TRUSTED_CLUSTER;

  String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
