-- Reconciliation of a bank's own statement against the hub's record of the bank's stream.

-- The volunteer an event is mainly about, so a difference can be traced to a rejected event.
alter table processed_event add column volunteer_id text;

-- Parts of a statement as they arrive; reconciled once every part is in.
create table statement_part (
    statement_id   text        not null,
    part           int         not null,
    node_id        text        not null,
    part_count     int         not null,
    as_of_sequence bigint      not null,
    event_count    bigint      not null,
    credited_total bigint      not null,
    debited_total  bigint      not null,
    event_id       uuid        not null,
    received_at    timestamptz not null default now(),
    primary key (statement_id, part)
);

create table statement_line (
    statement_id     text   not null,
    volunteer_id     text   not null,
    credited_minutes bigint not null,
    debited_minutes  bigint not null,
    primary key (statement_id, volunteer_id)
);

create table reconciliation (
    statement_id    text primary key,
    node_id         text        not null,
    as_of_sequence  bigint      not null,
    matched         boolean     not null,
    difference_count int        not null,
    reconciled_at   timestamptz not null default now()
);
create index reconciliation_node on reconciliation (node_id, reconciled_at desc);

create table reconciliation_difference (
    id             bigserial primary key,
    statement_id   text   not null references reconciliation (statement_id),
    kind           text   not null,
    volunteer_id   text,
    event_id       text,
    bank_minutes   bigint not null,
    hub_minutes    bigint not null
);
create index reconciliation_difference_statement on reconciliation_difference (statement_id);
