-- The adapter's own books: the service records a bank submitted, and the transactional outbox that
-- carries each one to the hub. A record and its outbox event are always written in one transaction.

create table service_record (
    id                uuid primary key,
    volunteer_id      text        not null,
    service_category  text        not null,
    started_at        timestamptz not null,
    minutes           int         not null check (minutes between 1 and 1440),
    created_at        timestamptz not null default now()
);

-- The node's stream: the last sequence number given to an event. Gapless, starting at 1.
create table node_stream (
    node_id        text primary key,
    last_sequence  bigint not null default 0
);

-- A sealed batch: consecutive events, encoded once, published as one Kafka record.
create table outbox_batch (
    id              bigserial primary key,
    first_sequence  bigint      not null unique,
    last_sequence   bigint      not null,
    event_count     int         not null,
    payload         bytea       not null,
    sealed_at       timestamptz not null default now(),
    published_at    timestamptz,
    kafka_offset    bigint
);
create index outbox_batch_unpublished on outbox_batch (first_sequence) where published_at is null;

create table outbox_event (
    id          bigserial primary key,
    event_id    uuid        not null unique,
    event_type  text        not null,
    aggregate_id uuid       not null,
    envelope    bytea       not null,
    sequence    bigint unique,
    batch_id    bigint references outbox_batch (id),
    created_at  timestamptz not null default now()
);
create index outbox_event_unsealed on outbox_event (id) where batch_id is null;
