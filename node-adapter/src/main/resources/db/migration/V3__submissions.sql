-- Every write through the local API (or the CSV import) is one event in the outbox, found again by the
-- idempotency key its caller chose. A retry with the same key and the same request gets the first
-- outcome; the same key with a different request is refused.
alter table outbox_event add column idempotency_key text unique;
alter table outbox_event add column request_hash bytea;
alter table outbox_event add column request jsonb;
update outbox_event set idempotency_key = 'event:' || event_id where idempotency_key is null;
alter table outbox_event alter column idempotency_key set not null;

-- The bank's own view of what each of its events does to volunteers' balances (posted minutes only):
-- the figures of its balance statements.
create table local_entry (
    event_id         uuid   not null references outbox_event (event_id),
    volunteer_id     text   not null,
    credited_minutes bigint not null default 0 check (credited_minutes >= 0),
    debited_minutes  bigint not null default 0 check (debited_minutes >= 0)
);
create index local_entry_event on local_entry (event_id);
insert into local_entry (event_id, volunteer_id, credited_minutes)
    select e.event_id, r.volunteer_id, r.credited_minutes
    from outbox_event e join service_record r on r.id = e.aggregate_id;

-- A redemption this bank requested, and what the hub decided about it.
create table redemption (
    redemption_id       text primary key,
    volunteer_id        text        not null,
    beneficiary_ref     text        not null,
    relation            text        not null,
    service_category    text        not null,
    requested_minutes   int         not null,
    status              text        not null check (status in
                          ('REQUESTED', 'AUTHORIZED', 'DECLINED', 'SETTLED', 'CANCELLED')),
    hold_id             text,
    authorized_minutes  int,
    expires_at          timestamptz,
    used_minutes        int,
    decline_reason      text,
    decline_detail      text,
    created_at          timestamptz not null default now(),
    decided_at          timestamptz
);

-- Decisions of the hub to push to the bank's own system, retried until it answers 2xx. Never deleted.
create table webhook_delivery (
    id               bigserial primary key,
    kind             text        not null,
    body             jsonb       not null,
    attempts         int         not null default 0,
    next_attempt_at  timestamptz not null default now(),
    delivered_at     timestamptz,
    last_error       text,
    created_at       timestamptz not null default now()
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where delivered_at is null;

-- Balance statements this bank sent and the hub's reconciliation of each.
create table statement (
    statement_id      text primary key,
    as_of_sequence    bigint      not null,
    event_count       bigint      not null,
    credited_minutes  bigint      not null,
    debited_minutes   bigint      not null,
    volunteer_count   int         not null,
    part_count        int         not null,
    created_at        timestamptz not null default now(),
    matched           boolean,
    differences       jsonb,
    reconciled_at     timestamptz
);

-- A volunteer's balance as the hub last reported it.
create table hub_balance (
    volunteer_id  text primary key,
    body          jsonb       not null,
    reported_at   timestamptz not null
);
