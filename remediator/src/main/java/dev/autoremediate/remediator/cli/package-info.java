/**
 * The command line of the jar ({@code java -jar autoremediate.jar <command>}): {@code serve} starts the service;
 * the offline commands ({@code classify}, {@code decide}) start no server, broker or database.
 */
package dev.autoremediate.remediator.cli;
