-- Scheduler adapters (issue 8): a retry command in the outbox is delivered through the adapter of its job's
-- scheduler (Kafka, Maestro, Airflow, webhook). A delivery that fails is retried with a persisted backoff, and one
-- that keeps failing is recorded as FAILED with its reason: the row stays, nothing is dropped.
-- Runs unchanged on H2 and PostgreSQL.

alter table outbox add column delivery_status varchar(16) default 'PENDING' not null;
alter table outbox add column delivery_attempts integer default 0 not null;
alter table outbox add column next_attempt_at timestamp with time zone;
alter table outbox add column delivered_via varchar(64);
alter table outbox add column last_error varchar(1000);
alter table outbox add column failed_at timestamp with time zone;

create index outbox_delivery_status_idx on outbox (delivery_status, id);
