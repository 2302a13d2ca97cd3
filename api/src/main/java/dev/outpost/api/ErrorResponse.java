package dev.outpost.api;

/** Body of every non-2xx answer: one clear line for the user. */
public record ErrorResponse(String error) {}
