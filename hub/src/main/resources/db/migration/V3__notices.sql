-- Notices from the hub to each bank (accepted, rejected, authorized, declined), written in the same
-- transaction as the decision they report, then sealed into signed, chained batches per bank and
-- published to tbx.node.<nodeId>.in.

create table hub_key (
    key_id       text primary key,
    public_key   bytea       not null check (length(public_key) = 32),
    private_key  bytea       not null,
    created_at   timestamptz not null default now()
);

create table notice_stream (
    node_id          text primary key,
    last_sequence    bigint not null default 0,
    last_batch_hash  bytea  not null default decode(repeat('00', 32), 'hex')
);

create table notice_batch (
    id              bigserial primary key,
    node_id         text        not null,
    first_sequence  bigint      not null,
    last_sequence   bigint      not null,
    batch_hash      bytea       not null,
    payload         bytea       not null,
    sealed_at       timestamptz not null default now(),
    published_at    timestamptz,
    kafka_offset    bigint,
    unique (node_id, first_sequence)
);
create index notice_batch_unpublished on notice_batch (id) where published_at is null;

-- Notices waiting to be sealed; a row is deleted in the transaction that seals it into a batch.
create table notice_outbox (
    id          bigserial primary key,
    node_id     text        not null,
    notice      bytea       not null,
    created_at  timestamptz not null default now()
);
create index notice_outbox_node on notice_outbox (node_id, id);
