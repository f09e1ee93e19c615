/**
 * Contract v1 of autoremediate: the JSON messages that cross process boundaries
 * ({@link dev.autoremediate.ingest.contract.FailureEvent}, {@link dev.autoremediate.ingest.contract.Decision},
 * {@link dev.autoremediate.ingest.contract.RetryCommand}, {@link dev.autoremediate.ingest.contract.JobOutcome}).
 *
 * <p>Field names are fixed: other tools depend on them. Extend compatibly (new optional fields), never rename.
 * Unknown fields are ignored when reading. Records copy their collections, so a value never changes after it
 * was built.
 */
package dev.autoremediate.ingest.contract;
