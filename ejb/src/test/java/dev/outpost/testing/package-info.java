/** Test doubles: in-memory repositories, a hand-moved clock, recorded audit, throwaway CAs. */
package dev.outpost.testing;
