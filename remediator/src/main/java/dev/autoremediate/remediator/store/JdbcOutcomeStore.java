package dev.autoremediate.remediator.store;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.contract.JobOutcome;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The outcome store on JDBC (table {@code job_outcome} of migration V2), on H2 and PostgreSQL. */
public final class JdbcOutcomeStore implements OutcomeStore {

    private final JdbcClient jdbc;
    private final ContractCodec codec;
    private final Clock clock;

    public JdbcOutcomeStore(DataSource dataSource, ContractCodec codec, Clock clock) {
        this.jdbc = JdbcClient.create(dataSource);
        this.codec = codec;
        this.clock = clock;
    }

    @Override
    public boolean record(JobOutcome o) {
        try {
            jdbc.sql("""
                    insert into job_outcome (job_id, run_id, attempt, finished_at, succeeded, failure_event_id,
                        outcome_json, recorded_at)
                    values (?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(o.jobId(), o.runId(), o.attempt(), Timestamp.from(o.finishedAt()), o.succeeded(),
                            o.failureEventId(), codec.write(o), Timestamp.from(clock.instant()))
                    .update();
            return true;
        } catch (DuplicateKeyException alreadyRecorded) {
            return false;
        }
    }

    @Override
    public List<JobOutcome> outcomesOf(String jobId, int limit) {
        return jdbc.sql("""
                select outcome_json from job_outcome where job_id = ?
                order by finished_at desc, id desc fetch first ? rows only""")
                .params(jobId, limit).query(this::outcome).list();
    }

    @Override
    public Optional<JobOutcome> lastSuccess(String jobId) {
        return jdbc.sql("""
                select outcome_json from job_outcome where job_id = ? and succeeded = true
                order by finished_at desc, id desc fetch first 1 rows only""")
                .param(jobId).query(this::outcome).optional();
    }

    @Override
    public Optional<JobOutcome> find(String runId, int attempt) {
        return jdbc.sql("select outcome_json from job_outcome where run_id = ? and attempt = ?")
                .params(runId, attempt).query(this::outcome).optional();
    }

    @Override
    public long count() {
        return jdbc.sql("select count(*) from job_outcome").query(Long.class).single();
    }

    private JobOutcome outcome(ResultSet rs, int row) throws SQLException {
        return codec.read(rs.getString(1), JobOutcome.class);
    }
}
