/**
 * Web apps the agent publishes ({@code --app=NAME=URL,label=value}): the catalog it tells the
 * proxy about, and the {@code app} streams it serves by connecting to the configured upstream and
 * nothing else.
 */
package dev.outpost.agent.apps;
