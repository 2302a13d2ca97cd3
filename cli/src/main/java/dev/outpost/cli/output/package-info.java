/** What commands print: text tables for people, compact JSON for scripts ({@code --format}). */
package dev.outpost.cli.output;
