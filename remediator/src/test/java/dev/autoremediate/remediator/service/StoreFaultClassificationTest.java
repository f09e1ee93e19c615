package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.CannotCreateTransactionException;

/** Which store faults pause consumption (retried without limit) and which are dead-lettered after a few tries. */
class StoreFaultClassificationTest {

    @Test
    void an_unreachable_database_is_a_passing_fault() {
        assertThat(FailureDecisionService.isStoreUnavailable(
                new CannotGetJdbcConnectionException("no connection", new java.sql.SQLException("refused")))).isTrue();
        assertThat(FailureDecisionService.isStoreUnavailable(
                new CannotCreateTransactionException("pool exhausted"))).isTrue();
        assertThat(FailureDecisionService.isStoreUnavailable(
                new DataAccessResourceFailureException("socket closed"))).isTrue();
        assertThat(FailureDecisionService.isStoreUnavailable(
                new RuntimeException(new SQLTransientConnectionException("timeout")))).isTrue();
    }

    @Test
    void a_bad_row_or_a_bug_is_not() {
        assertThat(FailureDecisionService.isStoreUnavailable(new DataIntegrityViolationException("value too long")))
                .isFalse();
        assertThat(FailureDecisionService.isStoreUnavailable(new IllegalStateException("bug"))).isFalse();
    }
}
