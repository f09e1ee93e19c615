package dev.autoremediate.remediator.bench;

import dev.autoremediate.datasets.FailureEvents;
import dev.autoremediate.datasets.LabelledError;
import dev.autoremediate.datasets.LabelledErrors;
import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.Failure;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.ingest.contract.Job;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The events the benchmarks send: the real error wordings of the labelled corpus and the typical Spark failures of
 * {@link FailureEvents}, each with a typical Spark configuration, cycled and given unique event and run ids, encoded
 * as the UTF-8 JSON a scheduler would send.
 */
final class BenchEvents {

    private final List<FailureEvent> templates;
    private final ContractCodec codec;

    BenchEvents(ContractCodec codec) {
        this.codec = codec;
        var list = new ArrayList<FailureEvent>();
        for (LabelledError error : LabelledErrors.realDev()) {
            list.add(error.toFailureEvent());
        }
        list.add(FailureEvents.heapOom("t"));
        list.add(FailureEvents.containerKilled("t"));
        list.add(FailureEvents.driverOom("t"));
        list.add(FailureEvents.fetchFailed("t"));
        list.add(FailureEvents.s3SlowDown("t"));
        list.add(FailureEvents.tableNotFound("t"));
        list.add(FailureEvents.accessDenied("t"));
        list.add(FailureEvents.unrecognised("t"));
        this.templates = List.copyOf(list);
    }

    int distinctWordings() {
        return templates.size();
    }

    /**
     * Event {@code i} of run {@code prefix}: a unique event id, job and run, attempt 1, failed now (as in a live
     * stream; the decision id is ordered by the failure's time).
     */
    FailureEvent event(String prefix, int i) {
        FailureEvent t = templates.get(i % templates.size());
        String jobId = prefix + ".job-" + (i % 1000);
        var job = new Job(jobId, jobId + "/run-" + i, 1, t.job().engine(), t.job().engineVersion(), t.job().owner(),
                t.job().scheduler(), t.job().tier(), FailureEvents.sparkConfig());
        Failure f = t.failure();
        return new FailureEvent(1, prefix + "-evt-" + i, Instant.now(), job, f, t.metrics());
    }

    byte[] bytes(String prefix, int i) {
        return codec.writeBytes(event(prefix, i));
    }
}
