-- Several instances on one store (issue 7): a trip of the circuit breaker of automatic retries is global. When an
-- instance's breaker opens (or starts a trial, half-open), it writes this row: its holder id, its state and until when
-- the trip holds at the latest (by the guard's clock); every other instance holds automatic retries for approval while
-- the row names another holder and has not expired. The holder clears it when its breaker closes again; a holder that
-- dies leaves a row that expires by itself. Written only on the breaker's state transitions; read by the same
-- conditional update that takes a permit of action_budget. One row, inserted here. Runs unchanged on H2 and PostgreSQL.

-- holder: the tripped instance's id (its outbox lease holder id), null when no trip; state: OPEN or HALF_OPEN;
-- since_ms: when it entered that state; until_ms: when the trip lapses if its holder writes nothing more (epoch
-- milliseconds of the guard's clock, as action_budget's windows).

create table breaker_trip (
    name      varchar(64)  not null primary key,
    holder    varchar(200),
    state     varchar(16),
    since_ms  bigint,
    until_ms  bigint       not null
);

insert into breaker_trip (name, holder, state, since_ms, until_ms) values ('automatic-retries', null, null, null, 0);
