package dev.autoremediate.remediator.service;

import dev.autoremediate.ingest.contract.Decision;
import dev.autoremediate.ingest.contract.FailureEvent;

/** Told of every decision once it is stored (e.g. metrics). Must be quick; a throw is logged and ignored. */
@FunctionalInterface
public interface DecisionObserver {

    void decided(Decision decision, FailureEvent event);
}
