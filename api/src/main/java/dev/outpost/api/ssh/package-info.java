/** SSH settings the node's built-in server and Outpost's SSH clients agree on. */
package dev.outpost.api.ssh;
