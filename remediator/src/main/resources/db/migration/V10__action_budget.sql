-- Several instances on one store (issue 7): the rate limit of automatic actions is global over them. One row per
-- budget; an instance takes a permit with one conditional update (window_no: the fixed window, a multiple of the
-- refresh period since the epoch by the instance's clock; used: permits taken in it). Runs unchanged on H2 and
-- PostgreSQL.

create table action_budget (
    name      varchar(64) not null primary key,
    window_no bigint      not null,
    used      integer     not null
);

insert into action_budget (name, window_no, used) values ('automatic-retries', -1, 0);
