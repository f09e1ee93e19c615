-- Several instances on one store (issue 7): only the holder of this lease publishes the outbox, so that two
-- instances never send the same unpublished rows. One row, inserted here; an instance takes or renews it with one
-- conditional update compared against the database's clock (current_timestamp), never the JVMs' clocks.
-- Runs unchanged on H2 and PostgreSQL.

create table outbox_lease (
    name        varchar(32)  not null primary key,
    holder      varchar(200),
    acquired_at timestamp with time zone,
    expires_at  timestamp with time zone not null
);

insert into outbox_lease (name, holder, acquired_at, expires_at) values ('outbox', null, null, timestamp with time zone '1970-01-01 00:00:00+00');
