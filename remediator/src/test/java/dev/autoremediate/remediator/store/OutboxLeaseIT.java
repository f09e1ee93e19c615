package dev.autoremediate.remediator.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.autoremediate.remediator.service.PublisherLease;
import dev.autoremediate.remediator.support.MigratedDatabases;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The outbox publisher lease against H2 and a real PostgreSQL server, with the service's migrations: two holders
 * compete for it as two instances of the service on one store would.
 */
class OutboxLeaseIT {

    private static final Duration LONG = Duration.ofMinutes(5);

    static Stream<Named<Callable<DataSource>>> databases() {
        return MigratedDatabases.h2AndPostgres("lease_it");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_second_holder_is_refused_while_the_first_holds_the_lease(Callable<DataSource> database) throws Exception {
        var lease = new OutboxLease(database.call());

        assertThat(lease.holder()).isEmpty();
        assertThat(lease.acquire("a", LONG)).isTrue();
        assertThat(lease.acquire("b", LONG)).isFalse();

        assertThat(lease.holder()).get().extracting(OutboxLease.Holder::holder).isEqualTo("a");
    }

    @ParameterizedTest
    @MethodSource("databases")
    void renewing_keeps_the_holder_and_moves_the_expiry_on(Callable<DataSource> database) throws Exception {
        var lease = new OutboxLease(database.call());
        assertThat(lease.acquire("a", Duration.ofSeconds(60))).isTrue();
        var first = lease.holder().orElseThrow();

        assertThat(lease.acquire("a", LONG)).isTrue();

        var renewed = lease.holder().orElseThrow();
        assertThat(renewed.holder()).isEqualTo("a");
        assertThat(renewed.acquiredAt()).isEqualTo(first.acquiredAt());
        assertThat(renewed.expiresAt()).isAfter(first.expiresAt().plusSeconds(200));
        assertThat(lease.acquire("b", LONG)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void the_second_holder_gets_the_lease_once_it_expired_and_the_first_cannot_renew_it(Callable<DataSource> database)
            throws Exception {
        var lease = new OutboxLease(database.call());
        assertThat(lease.acquire("a", Duration.ofMillis(800))).isTrue();
        assertThat(lease.acquire("b", LONG)).isFalse();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
                .until(() -> lease.acquire("b", LONG));

        assertThat(lease.acquire("a", LONG)).isFalse();
        var holder = lease.holder().orElseThrow();
        assertThat(holder.holder()).isEqualTo("b");
        assertThat(holder.expiresAt()).isAfter(holder.acquiredAt().plusSeconds(200));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_release_hands_the_lease_over_at_once_and_only_its_holder_can_release_it(Callable<DataSource> database)
            throws Exception {
        var lease = new OutboxLease(database.call());
        assertThat(lease.acquire("a", LONG)).isTrue();

        lease.release("b");
        assertThat(lease.acquire("b", LONG)).isFalse();

        lease.release("a");
        assertThat(lease.holder()).isEmpty();
        assertThat(lease.acquire("b", LONG)).isTrue();
        assertThat(lease.acquire("a", LONG)).isFalse();
    }

    @ParameterizedTest
    @MethodSource("databases")
    void of_two_publishers_one_leads_and_the_standby_takes_over_after_the_leader_releases(Callable<DataSource> database)
            throws Exception {
        var store = new OutboxLease(database.call());
        var leader = PublisherLease.of(store, Duration.ofSeconds(2));
        var standby = PublisherLease.of(store, Duration.ofSeconds(2));

        assertThat(leader.holds()).isTrue();
        assertThat(standby.holds()).isFalse();
        assertThat(leader.role()).isEqualTo(PublisherLease.Role.LEADER);
        assertThat(standby.role()).isEqualTo(PublisherLease.Role.STANDBY);
        assertThat(standby.currentHolder()).get().extracting(OutboxLease.Holder::holder).isEqualTo(leader.holderId());

        leader.release();

        assertThat(leader.holds()).isFalse();
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20)).until(standby::holds);
        assertThat(standby.held()).isTrue();
        assertThat(leader.held()).isFalse();
        assertThat(store.holder()).get().extracting(OutboxLease.Holder::holder).isEqualTo(standby.holderId());
    }

    @ParameterizedTest
    @MethodSource("databases")
    void a_leader_that_stops_renewing_loses_the_lease_to_the_standby(Callable<DataSource> database) throws Exception {
        var store = new OutboxLease(database.call());
        var leader = PublisherLease.of(store, Duration.ofSeconds(1));
        var standby = PublisherLease.of(store, Duration.ofSeconds(1));
        assertThat(leader.holds()).isTrue();

        // the leader is never asked again, as if it were dead or paused: the standby takes over after the TTL
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50)).until(standby::holds);

        assertThat(leader.held()).isFalse();
        assertThat(leader.holds()).isFalse();
        assertThat(leader.role()).isEqualTo(PublisherLease.Role.STANDBY);
    }
}
