/**
 * The one JSON codec of the contract ({@link dev.autoremediate.ingest.codec.ContractCodec}) and the validation of
 * failure events. Bad input is rejected with an {@link dev.autoremediate.ingest.codec.InvalidEventException} whose
 * messages name the field; over-long text is truncated with a marker, never rejected.
 */
package dev.autoremediate.ingest.codec;
