-- The adapter's own books: the service records a bank submitted, the transactional outbox that
-- carries each one to the hub, and the key that signs the bank's batches. A record and its outbox
-- event are always written in one transaction.

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

-- The node's Ed25519 signing keys; the newest active one signs. Generated on first start.
create table node_key (
    key_id       text primary key,
    public_key   bytea       not null check (length(public_key) = 32),
    private_key  bytea       not null,
    active       boolean     not null default true,
    created_at   timestamptz not null default now()
);

-- The node's stream: the last sequence number given to an event (gapless, from 1) and the hash of
-- the last sealed batch, which the next batch names as its predecessor.
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
    key_id          text        not null references node_key (key_id),
    payload         bytea       not null,
    sealed_at       timestamptz not null default now(),
    published_at    timestamptz,
    kafka_offset    bigint
);
create index outbox_batch_unpublished on outbox_batch (first_sequence) where published_at is null;

create table outbox_event (
    id           bigserial primary key,
    event_id     uuid        not null unique,
    event_type   text        not null,
    aggregate_id uuid        not null,
    envelope     bytea       not null,
    sequence     bigint unique,
    batch_id     bigint references outbox_batch (id),
    created_at   timestamptz not null default now()
);
create index outbox_event_unsealed on outbox_event (id) where batch_id is null;
create index outbox_event_aggregate on outbox_event (aggregate_id);
