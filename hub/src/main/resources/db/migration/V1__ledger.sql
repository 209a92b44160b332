-- The hub's ledger: accounts with posted totals, transfers that move integer minutes between them,
-- the events already applied, the consumed Kafka offsets, and whatever could not be applied.

create table account (
    id              text primary key,
    kind            text        not null check (kind in ('VOLUNTEER', 'BANK_ISSUED')),
    debits_posted   bigint      not null default 0 check (debits_posted >= 0),
    credits_posted  bigint      not null default 0 check (credits_posted >= 0),
    updated_at      timestamptz not null default now()
);

-- The banks of the federation and the public keys their batches are signed with.
create table node (
    node_id        text primary key,
    registered_at  timestamptz not null default now()
);

create table node_key (
    node_id        text        not null references node (node_id),
    key_id         text        not null,
    public_key     bytea       not null check (length(public_key) = 32),
    registered_at  timestamptz not null default now(),
    primary key (node_id, key_id)
);

-- Each bank's stream as the hub has accepted it: the last sequence and the hash the next batch must name.
create table node_stream (
    node_id          text primary key references node (node_id),
    last_sequence    bigint      not null default 0,
    last_batch_hash  bytea       not null default decode(repeat('00', 32), 'hex'),
    updated_at       timestamptz not null default now()
);

-- "Already processed" has a home of its own: an event id is applied at most once.
create table applied_event (
    event_id        uuid primary key,
    node_id         text        not null,
    sequence        bigint      not null,
    event_type      text        not null,
    payload_sha256  bytea       not null,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    applied_at      timestamptz not null default now()
);
create index applied_event_node_seq on applied_event (node_id, sequence);

create table transfer (
    id                 bigserial primary key,
    event_id           uuid        not null references applied_event (event_id),
    debit_account_id   text        not null references account (id),
    credit_account_id  text        not null references account (id),
    amount_minutes     bigint      not null check (amount_minutes > 0),
    code               text        not null,
    node_id            text        not null,
    created_at         timestamptz not null default now(),
    check (debit_account_id <> credit_account_id)
);
create index transfer_debit on transfer (debit_account_id);
create index transfer_credit on transfer (credit_account_id);

-- Next offset to read per partition, written in the same transaction as the ledger changes.
create table consumed_offset (
    topic        text        not null,
    partition    int         not null,
    next_offset  bigint      not null,
    updated_at   timestamptz not null default now(),
    primary key (topic, partition)
);

-- Nothing a bank sent is dropped: what cannot be applied is kept with its bytes and a reason.
create table quarantined_record (
    id              bigserial primary key,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    record_key      bytea,
    record_value    bytea,
    node_id         text,
    event_id        text,
    reason_code     text        not null,
    detail          text        not null,
    received_at     timestamptz not null default now()
);
create unique index quarantined_record_once
    on quarantined_record (kafka_topic, kafka_partition, kafka_offset, coalesce(event_id, ''));
