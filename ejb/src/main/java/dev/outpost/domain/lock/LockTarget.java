package dev.outpost.domain.lock;

/** What a lock applies to. Stored as the constant's name. */
public enum LockTarget {
  /** Every session of one user. */
  USER,
  /** Every session to one node. */
  NODE
}
