package dev.autoremediate.remediator.store;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Deleting old settled decisions (opt-in decision retention; table {@code decision_retention}, Flyway V14). A decision
 * decided before the cutoff is deleted, together with its outbox rows (messages and scheduler deliveries), unless
 * something still needs it ({@link Kept}):
 * <ul>
 *   <li>it is {@code PENDING_APPROVAL}: a human has still to act;</li>
 *   <li>one of its outbox messages is neither {@code DELIVERED} nor {@code FAILED}: it is still to be sent;</li>
 *   <li>another decision of its run was decided at or after the cutoff: the policy reads a run's earlier decisions
 *       when it decides a later attempt;</li>
 *   <li>it is the latest decision of its job, or the latest of the job's first attempts: the config overrides read
 *       the owner's configuration of the job's latest run from it ({@code JdbcOverrideStore.latestRunConfig}).</li>
 * </ul>
 * Rows that merely name a decision stay: audit entries of human actions, config overrides and their change history
 * (a record of what was done; their link to the decision then answers 404, see {@link #record()}). Job outcomes do not
 * reference decisions and are not touched.
 *
 * <p>The decision table is walked in {@code (decided_at, decision_id)} order through its {@code decided_at} index, by
 * ranges of a few hundred rows, one short transaction per range, each read from the previous range's last
 * {@code decided_at} on. There is no watermark: the decisions kept below the cutoff (about one per job, plus what waits
 * for approval or delivery) are read again by every sweep, an index range read of a few thousand rows.
 */
public final class DecisionRetention {

    /** Why a decision older than the cutoff is kept; null in {@link Candidate} when it is deleted. */
    public enum Kept { PENDING_APPROVAL, UNDELIVERED, RUN_ACTIVE, LATEST_OF_JOB }

    private static final String CANDIDATES = """
            select d.decision_id, d.decided_at,
              case when d.status = 'PENDING_APPROVAL' then 'PENDING_APPROVAL'
                   when exists (select 1 from outbox o where o.decision_id = d.decision_id
                                and o.delivery_status not in ('DELIVERED', 'FAILED')) then 'UNDELIVERED'
                   when exists (select 1 from decision r where r.run_id = d.run_id and r.decided_at >= ?) then 'RUN_ACTIVE'
                   when not exists (select 1 from decision n where n.job_id = d.job_id and n.decided_at > d.decided_at)
                        then 'LATEST_OF_JOB'
                   when d.attempt = 1 and not exists (select 1 from decision n where n.job_id = d.job_id
                        and n.attempt = 1 and n.decided_at > d.decided_at) then 'LATEST_OF_JOB'
              end as kept
            from decision d
            where d.decided_at < ? and d.decided_at >= ? and (d.decided_at > ? or (d.decided_at = ? and d.decision_id > ?))
            order by d.decided_at, d.decision_id
            fetch first ? rows only""";

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;

    public DecisionRetention(DataSource dataSource) {
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    }

    /**
     * In one transaction: the next {@code size} decisions after {@code after} (null: from the oldest) that were decided
     * before {@code cutoff}; of those, deletes the ones nothing needs, with their outbox rows, and records the deletion.
     *
     * @param now when the sweep runs (recorded)
     */
    public Range deleteRange(Cursor after, int size, Instant cutoff, Instant now) {
        Cursor from = after == null ? Cursor.START : after;
        Timestamp before = Timestamp.from(cutoff);
        Timestamp fromAt = Timestamp.from(from.decidedAt());
        return tx.execute(status -> {
            List<Candidate> seen = jdbc.sql(CANDIDATES)
                    .params(before, before, fromAt, fromAt, fromAt, from.decisionId(), size)
                    .query((rs, n) -> new Candidate(rs.getString(1), rs.getTimestamp(2).toInstant(),
                            rs.getString(3) == null ? null : Kept.valueOf(rs.getString(3))))
                    .list();
            if (seen.isEmpty()) {
                return new Range(0, 0, null);
            }
            var doomed = new ArrayList<String>();
            for (Candidate c : seen) {
                if (c.kept() == null) {
                    doomed.add(c.decisionId());
                }
            }
            int deleted = 0;
            if (!doomed.isEmpty()) {
                // locked in id order first, the order in which the outbox retention's range update (another thread of
                // the lease holder) goes through them, so the two rarely wait for each other in a circle; if they do,
                // the database aborts one range, which is retried at its next sweep
                List<Long> messages = jdbc.sql("select id from outbox where decision_id in (:ids) "
                                + "and delivery_status in ('DELIVERED', 'FAILED') order by id for update")
                        .param("ids", doomed).query(Long.class).list();
                // only settled messages; a message added since the read (none is expected) keeps its decision below
                if (!messages.isEmpty()) {
                    jdbc.sql("delete from outbox where id in (:ids)").param("ids", messages).update();
                }
                deleted = jdbc.sql("""
                        delete from decision where decision_id in (:ids) and status <> 'PENDING_APPROVAL'
                        and not exists (select 1 from outbox o where o.decision_id = decision.decision_id)""")
                        .param("ids", doomed).update();
                if (deleted > 0) {
                    jdbc.sql("""
                            update decision_retention set deleted_total = deleted_total + ?, last_deleted_at = ?,
                            deleted_before = case when deleted_before is null or deleted_before < ? then ?
                                                  else deleted_before end
                            where name = 'decision'""")
                            .params(deleted, Timestamp.from(now), before, before).update();
                }
            }
            Candidate last = seen.get(seen.size() - 1);
            return new Range(deleted, seen.size() - doomed.size(), new Cursor(last.decidedAt(), last.decisionId()));
        });
    }

    /** What the retention has deleted so far; empty when it never deleted anything. */
    public Optional<Record> record() {
        return jdbc.sql("select deleted_total, deleted_before, last_deleted_at from decision_retention "
                        + "where name = 'decision' and deleted_total > 0")
                .query((rs, n) -> new Record(rs.getLong(1), rs.getTimestamp(2).toInstant(),
                        rs.getTimestamp(3).toInstant()))
                .optional();
    }

    /**
     * Whether a row that is kept after its decision is deleted names this decision: an audit entry of a human action
     * on it, or a config override made by it. Evidence that a decision that is not found existed.
     */
    public boolean isNamedElsewhere(String decisionId) {
        return jdbc.sql("select count(*) from audit_event where target_type = 'DECISION' and target_id = ?")
                .param(decisionId).query(Long.class).single() > 0
                || jdbc.sql("select count(*) from config_override where source_decision_id = ?")
                .param(decisionId).query(Long.class).single() > 0;
    }

    /** A position in the walk: after this decision. */
    public record Cursor(Instant decidedAt, String decisionId) {
        static final Cursor START = new Cursor(Instant.EPOCH, "");
    }

    /** One decision read in a range, and why it is kept (null: deleted). */
    record Candidate(String decisionId, Instant decidedAt, Kept kept) {
    }

    /**
     * What one range held.
     *
     * @param deleted decisions deleted (with their outbox rows)
     * @param kept    decisions older than the cutoff that something still needs
     * @param last    where the next range starts; null when there was no decision left before the cutoff
     */
    public record Range(int deleted, int kept, Cursor last) {
    }

    /**
     * @param deletedTotal  decisions deleted so far, by every instance
     * @param deletedBefore the newest cutoff before which decisions were deleted
     * @param lastDeletedAt when decisions were last deleted
     */
    public record Record(long deletedTotal, Instant deletedBefore, Instant lastDeletedAt) {
    }
}
