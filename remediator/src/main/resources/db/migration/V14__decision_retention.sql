-- Decision retention (opt-in, autoremediate.decision.retention): settled decisions decided longer ago than the
-- retention are deleted with their outbox rows. The sweeper walks the decision table by decided_at (its existing index
-- decision_decided_at_idx) in small ranges, one short transaction each.
--
-- The index on outbox (decision_id) that the sweep needs on PostgreSQL is V15 (a Java migration: H2 already has one,
-- for the foreign key).
--
-- decision_retention: one row, what the retention has deleted so far (the 404 of a decision that is gone says so).
-- Runs unchanged on H2 and PostgreSQL.

create table decision_retention (
    name             varchar(32) not null primary key,
    deleted_total    bigint      not null,
    deleted_before   timestamp with time zone,  -- the newest cutoff a sweep deleted decisions before; null: none yet
    last_deleted_at  timestamp with time zone   -- when a sweep last deleted any
);

insert into decision_retention (name, deleted_total, deleted_before, last_deleted_at) values ('decision', 0, null, null);
