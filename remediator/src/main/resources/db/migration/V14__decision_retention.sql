-- Decision retention (opt-in, autoremediate.decision.retention): settled decisions decided longer ago than the
-- retention are deleted with their outbox rows. The sweeper walks the decision table by decided_at (its existing index
-- decision_decided_at_idx) in small ranges, one short transaction each.
--
-- outbox_decision_idx: the sweep deletes a decision's outbox rows and checks that none is still to be delivered, by
-- decision id. PostgreSQL does not index a foreign key's column by itself, so without it every range would read the
-- whole outbox (and so does the review UI's decision page today). H2 already has an index for the foreign key; there
-- this one is a second, small one.
--
-- decision_retention: one row, what the retention has deleted so far (the 404 of a decision that is gone says so).
-- Runs unchanged on H2 and PostgreSQL.

create index outbox_decision_idx on outbox (decision_id);

create table decision_retention (
    name             varchar(32) not null primary key,
    deleted_total    bigint      not null,
    deleted_before   timestamp with time zone,  -- the newest cutoff a sweep deleted decisions before; null: none yet
    last_deleted_at  timestamp with time zone   -- when a sweep last deleted any
);

insert into decision_retention (name, deleted_total, deleted_before, last_deleted_at) values ('decision', 0, null, null);
