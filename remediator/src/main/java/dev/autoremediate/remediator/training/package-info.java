/**
 * Training data from the service's own history: labelled failures rebuilt from the decision store, for
 * {@code autoremediate train classifier --from-store}.
 */
package dev.autoremediate.remediator.training;
