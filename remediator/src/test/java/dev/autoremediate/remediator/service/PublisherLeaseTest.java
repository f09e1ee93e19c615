package dev.autoremediate.remediator.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which stores make the outbox publisher take a lease: every one another process could open too. */
class PublisherLeaseTest {

    @Test
    void anEmbeddedH2DatabaseIsOpenedByOneProcessOnly() {
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:file:./data/db/autoremediate;WRITE_DELAY=0")).isTrue();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1")).isTrue();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:./data/db/autoremediate")).isTrue();
    }

    @Test
    void serversAndSharedStoresNeedTheLease() {
        assertThat(PublisherLease.isSingleProcessStore("jdbc:postgresql://db:5432/autoremediate")).isFalse();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:tcp://db:9092/autoremediate")).isFalse();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:ssl://db/autoremediate")).isFalse();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:file:/shared/db;WRITE_DELAY=0;AUTO_SERVER=TRUE")).isFalse();
        assertThat(PublisherLease.isSingleProcessStore("jdbc:h2:file:/shared/db;auto_server=true")).isFalse();
        assertThat(PublisherLease.isSingleProcessStore(null)).as("unknown: take the lease").isFalse();
    }

    @Test
    void theSolePublisherAlwaysHoldsTheLeaseAndWritesNothing() {
        PublisherLease sole = PublisherLease.sole();
        assertThat(sole.holds()).isTrue();
        assertThat(sole.role()).isEqualTo(PublisherLease.Role.LEADER);
        assertThat(sole.inStore()).as("no lease in the store to compare scheduler timeouts with").isFalse();
        sole.release();
        assertThat(sole.holds()).as("nothing to release: still the only publisher").isTrue();
    }
}
