/** End-to-end tests of the audit log and session recording at the node. */
package dev.outpost.it.audit;
