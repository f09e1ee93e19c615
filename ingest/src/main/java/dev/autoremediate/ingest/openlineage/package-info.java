/**
 * OpenLineage run events as a second input format beside contract v1. {@link
 * dev.autoremediate.ingest.openlineage.OpenLineageMapper} turns a RunEvent into an {@link
 * dev.autoremediate.ingest.openlineage.OpenLineageMapping}: a FAIL event into a {@code FailureEvent}, a COMPLETE event
 * into a successful {@code JobOutcome}, anything else into "ignored"; JSON it cannot map throws {@code
 * InvalidEventException} with the reason. Plain Java (Jackson trees), no Spring; the Kafka listener lives in {@code
 * ingest.kafka}.
 */
package dev.autoremediate.ingest.openlineage;
