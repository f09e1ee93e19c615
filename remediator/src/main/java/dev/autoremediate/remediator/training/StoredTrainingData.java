package dev.autoremediate.remediator.training;

import dev.autoremediate.ingest.codec.ContractCodec;
import dev.autoremediate.ingest.codec.InvalidEventException;
import dev.autoremediate.ingest.contract.FailureCategory;
import dev.autoremediate.ingest.contract.FailureEvent;
import dev.autoremediate.model.TrainingExample;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import javax.sql.DataSource;

/**
 * Rebuilds labelled failures from the decision store: the stored event of every decision whose category is trusted,
 * labelled with that category. Trusted means: a rule decided it (source RULE), or any decision (a model's too) whose
 * retry was confirmed by the outcome of the next attempt (status SUCCEEDED). UNKNOWN decisions teach nothing and are
 * left out. Rows are read in decision order, so equal stores give equal training sets.
 */
public final class StoredTrainingData {

    /**
     * What was read.
     *
     * @param examples     the labelled failures
     * @param skipped      rows whose stored event could not be read back (reported, not fatal)
     * @param latest       the latest decision time among the examples; {@link Instant#EPOCH} when there are none
     */
    public record Result(List<TrainingExample> examples, List<String> skipped, Instant latest) {
    }

    private static final String QUERY = "select decision_id, category, event_json, decided_at from decision "
            + "where category <> 'UNKNOWN' and (source = 'RULE' or status = 'SUCCEEDED') order by decided_at, decision_id";

    private final DataSource dataSource;
    private final ContractCodec codec;

    public StoredTrainingData(DataSource dataSource, ContractCodec codec) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.codec = Objects.requireNonNull(codec, "codec");
    }

    /** Reads the trusted decisions; {@link SQLException} when the store cannot be read (no such table, no server). */
    public Result read() throws SQLException {
        var examples = new ArrayList<TrainingExample>();
        var skipped = new ArrayList<String>();
        Instant latest = Instant.EPOCH;
        try (Connection c = dataSource.getConnection(); PreparedStatement st = c.prepareStatement(QUERY)) {
            st.setFetchSize(500);
            try (ResultSet rs = st.executeQuery()) {
                while (rs.next()) {
                    String id = rs.getString("decision_id");
                    FailureCategory category;
                    FailureEvent event;
                    try {
                        category = FailureCategory.valueOf(rs.getString("category"));
                        event = codec.readFailureEvent(rs.getString("event_json"));
                    } catch (IllegalArgumentException | InvalidEventException e) {
                        skipped.add(id + ": " + e.getMessage());
                        continue;
                    }
                    examples.add(new TrainingExample(event, category));
                    Instant at = rs.getObject("decided_at", OffsetDateTime.class).toInstant();
                    if (at.isAfter(latest)) {
                        latest = at;
                    }
                }
            }
        }
        return new Result(List.copyOf(examples), List.copyOf(skipped), latest);
    }
}
