/**
 * The cryptography providers the agent's SSH server runs on: the JDK's own, Ed25519 included, so
 * that an edge device does not load Bouncy Castle's provider (about 840 classes and its service
 * tables) for one signature algorithm.
 */
package dev.outpost.agent.security;
