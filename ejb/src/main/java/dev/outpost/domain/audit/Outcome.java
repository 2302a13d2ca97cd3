package dev.outpost.domain.audit;

/** Whether the audited operation went through. */
public enum Outcome {
  SUCCESS,
  FAILURE
}
