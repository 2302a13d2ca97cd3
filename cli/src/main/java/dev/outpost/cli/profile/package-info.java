/**
 * The CLI home ({@code ~/.outpost} or {@code $OUTPOST_HOME}): what a login writes there, with which
 * file modes, and how later commands read it back.
 */
package dev.outpost.cli.profile;
