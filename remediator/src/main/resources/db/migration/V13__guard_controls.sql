-- On-call control of the guard of automatic retries (issue 7, guard rails). Two additions to breaker_trip (V12):
--
-- cleared_ms: on the trip's row, when a person last cleared the trip from the API (POST /api/v1/guard/breaker/close),
-- whoever held it (epoch milliseconds of that instance's clock). The holder reads it while its own breaker is not
-- CLOSED, and closes its breaker when the clearing came after its breaker opened.
--
-- A second row, 'automatic-retries-paused': the manual pause of every automatic retry (POST /api/v1/guard/pause).
-- Its holder is the constant 'manual-pause' (never an instance id), state PAUSED, since_ms when it was paused,
-- until_ms until when (9223372036854775807: until resumed), paused_by and comment who and why. The conditional update
-- that takes a rate-limit permit already refuses while another holder's row is in force: it looks at both rows, so a
-- pause holds every instance's retries at no extra statement. Resuming clears the row (holder null, until_ms 0).
-- Runs unchanged on H2 and PostgreSQL.

alter table breaker_trip add column cleared_ms bigint;
alter table breaker_trip add column paused_by varchar(255);
alter table breaker_trip add column comment varchar(4000);

insert into breaker_trip (name, holder, state, since_ms, until_ms) values ('automatic-retries-paused', null, null, null, 0);
