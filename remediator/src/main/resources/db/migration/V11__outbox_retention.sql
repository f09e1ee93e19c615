-- Outbox payload retention: the payload of an outbox message delivered longer ago than autoremediate.outbox.retention
-- is cleared (set to ''); the row stays (the review UI shows a decision's deliveries from it). The sweeper walks the
-- outbox by id ranges of the primary key and keeps here the id below which every row is settled (payload cleared, or
-- FAILED, which is kept), so that it never walks the same history again, also after a restart or a change of the
-- lease holder. No index is added: every query of the sweep is a range of the primary key.
-- Runs unchanged on H2 and PostgreSQL.

create table outbox_retention (
    name          varchar(32) not null primary key,
    settled_below bigint      not null
);

insert into outbox_retention (name, settled_below) values ('outbox', 0);
