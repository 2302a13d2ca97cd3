/** Replaying asciicast v2 recordings in the terminal. */
package dev.outpost.cli.recording;
