-- The adapter's tables, in one baseline (nothing was released before it). Every write of the local API
-- stores its own rows, its outbox event and its effect on the bank's books in one transaction; the relay
-- seals and publishes the outbox, the notice consumer records the hub's answers.

-- The bank's records ------------------------------------------------------------------------------------

-- The service records the bank submitted.
create table service_record (
    id                uuid primary key,
    volunteer_id      text        not null,
    service_category  text        not null,
    recipient_ref     text        not null,
    started_at        timestamptz not null,
    actual_minutes    int         not null check (actual_minutes between 1 and 1440),
    credited_minutes  int         not null check (credited_minutes > 0),
    rulebook_version  int         not null,
    evidence_method   text        not null,
    recorded_by       text        not null,
    confirmed_by      text[]      not null default '{}',
    created_at        timestamptz not null default now()
);

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

-- The stream to the hub ---------------------------------------------------------------------------------

-- The node's Ed25519 signing keys; the active one signs. Generated on first start or adopted from a key file.
create table signing_key (
    key_id       text primary key,
    public_key   bytea       not null check (length(public_key) = 32),
    private_key  bytea       not null,
    active       boolean     not null default true,
    created_at   timestamptz not null default now()
);

-- The node's stream: the last sequence given to an event (gapless, from 1) and the hash of the last sealed
-- batch, which the next batch names as its predecessor.
create table node_stream (
    node_id          text primary key,
    last_sequence    bigint not null default 0,
    last_batch_hash  bytea  not null default decode(repeat('00', 32), 'hex')
);

-- A sealed batch: consecutive events, encoded, hashed and signed once, published as one Kafka record.
create table outbox_batch (
    id              bigserial primary key,
    first_sequence  bigint      not null unique,
    last_sequence   bigint      not null,
    event_count     int         not null,
    batch_hash      bytea       not null,
    key_id          text        not null references signing_key (key_id),
    payload         bytea       not null,
    sealed_at       timestamptz not null default now(),
    published_at    timestamptz,
    kafka_offset    bigint
);
create index outbox_batch_unpublished on outbox_batch (first_sequence) where published_at is null;

-- Every write of the local API (or the CSV import) is one event here, found again by the idempotency key its
-- caller chose: a retry with the same key and request gets the first outcome, the same key with a different
-- request is refused. The hub's answer (from its signed notices) and the event's log receipt are kept with it.
create table outbox_event (
    id                 bigserial primary key,
    event_id           uuid        not null unique,
    event_type         text        not null,
    aggregate_id       uuid        not null,
    envelope           bytea       not null,
    sequence           bigint unique,
    batch_id           bigint references outbox_batch (id),
    created_at         timestamptz not null default now(),
    hub_status         text check (hub_status in ('ACCEPTED', 'REJECTED')),
    hub_reason         text,
    hub_detail         text,
    hub_answered_at    timestamptz,
    idempotency_key    text        not null unique,
    request_hash       bytea,
    request            jsonb,
    -- the event's leaf index in the hub's transparency log, and its verified inclusion proof
    log_index          bigint,
    receipt_tree_size  bigint,
    receipt_proof      jsonb
);
create index outbox_event_unsealed on outbox_event (id) where batch_id is null;
create index outbox_event_aggregate on outbox_event (aggregate_id);
create index outbox_event_receipt_due on outbox_event (log_index) where log_index is not null and receipt_tree_size is null;

-- The bank's own books --------------------------------------------------------------------------------------

-- What each of the bank's events does to volunteers' posted balances, in its own view: the figures of its
-- balance statements.
create table local_entry (
    event_id         uuid   not null references outbox_event (event_id),
    volunteer_id     text   not null,
    credited_minutes bigint not null default 0 check (credited_minutes >= 0),
    debited_minutes  bigint not null default 0 check (debited_minutes >= 0)
);
create index local_entry_event on local_entry (event_id);

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

-- The hub's answers ---------------------------------------------------------------------------------------

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

-- A volunteer's balance as the hub last reported it.
create table hub_balance (
    volunteer_id  text primary key,
    body          jsonb       not null,
    reported_at   timestamptz not null
);

-- Every checkpoint of the hub's log this bank received, whether it was proven to extend the one before.
create table log_checkpoint (
    tree_size     bigint primary key,
    root_hash     bytea       not null,
    signed_at     bigint      not null,
    signature     bytea       not null,
    consistent    boolean,
    detail        text,
    received_at   timestamptz not null default now()
);

-- What came on the hub's topic and could not be taken: a record whose signature does not verify, that does not
-- decode, or a notice of a kind this adapter does not know. Kept with its bytes and the reason, never dropped.
create table parked_notice (
    id              bigserial primary key,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    record_value    bytea,
    notice_index    int,
    reason          text        not null,
    detail          text        not null,
    received_at     timestamptz not null default now()
);
create unique index parked_notice_once on parked_notice (kafka_partition, kafka_offset, coalesce(notice_index, -1));
