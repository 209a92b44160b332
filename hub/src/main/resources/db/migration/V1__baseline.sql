-- The hub's tables, in one baseline (nothing was released before it). Every write of the ledger comes from
-- one poll of the banks' topics, in one transaction with the consumed offsets (ingest/).

-- Banks ----------------------------------------------------------------------------------------------------

-- The banks of the federation.
create table node (
    node_id        text primary key,
    registered_at  timestamptz not null default now()
);

-- The public keys a bank's batches are signed with. A key's first use is the rotation point: the keys used
-- before it are retired after the sequence before. A revoked key signs nothing from its revocation on.
create table node_key (
    node_id                 text        not null references node (node_id),
    key_id                  text        not null,
    public_key              bytea       not null check (length(public_key) = 32),
    registered_at           timestamptz not null default now(),
    first_used_sequence     bigint,
    retired_after_sequence  bigint,
    revoked_at              timestamptz,
    revocation_reason       text,
    primary key (node_id, key_id)
);

-- Each bank's stream as the hub accepted it: the last sequence and the hash the next batch must name.
create table node_stream (
    node_id          text primary key references node (node_id),
    last_sequence    bigint      not null default 0,
    last_batch_hash  bytea       not null default decode(repeat('00', 32), 'hex'),
    updated_at       timestamptz not null default now()
);

-- Each issuing bank's guarantee fund (兜底), in minutes of service it can buy, against its outstanding hours.
create table guarantee_fund (
    node_id       text primary key references node (node_id),
    fund_minutes  bigint      not null check (fund_minutes >= 0),
    declared_at   timestamptz not null default now()
);

-- Ingest ---------------------------------------------------------------------------------------------------

-- "Already processed" has a home of its own: every event id the hub took up, its payload hash and outcome,
-- so an id is applied at most once and a resubmission gets the original answer.
create table processed_event (
    event_id        uuid primary key,
    node_id         text        not null,
    sequence        bigint      not null,
    event_type      text        not null,
    payload_sha256  bytea       not null,
    kafka_topic     text        not null,
    kafka_partition int         not null,
    kafka_offset    bigint      not null,
    applied_at      timestamptz not null default now(),
    outcome         text        not null default 'APPLIED' check (outcome in ('APPLIED', 'REJECTED')),
    reason_code     text,
    -- the volunteer the event is mainly about, so a reconciliation difference can be traced to a rejection
    volunteer_id    text
);
create index processed_event_node_seq on processed_event (node_id, sequence);

-- The next Kafka offset to read per partition, written in the transaction that applies the records before it.
create table consumed_offset (
    topic        text        not null,
    partition    int         not null,
    next_offset  bigint      not null,
    updated_at   timestamptz not null default now(),
    primary key (topic, partition)
);

-- Nothing a bank sent is dropped: what cannot be applied is kept with its bytes and a reason. A batch that
-- arrives after a sequence gap is held here until the gap is filled (or an operator accepts it), then
-- released and applied. The same record may be refused for a new reason once released and tried again.
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
    received_at     timestamptz not null default now(),
    held            boolean     not null default false,
    first_sequence  bigint,
    released_at     timestamptz
);
create unique index quarantined_record_once
    on quarantined_record (kafka_topic, kafka_partition, kafka_offset, coalesce(event_id, ''), reason_code);
create index quarantined_record_held
    on quarantined_record (node_id, first_sequence) where held and released_at is null;

-- Ledger ---------------------------------------------------------------------------------------------------

-- Accounts with their posted and pending totals. Kinds: VOLUNTEER (credit balance), BANK_ISSUED (a bank's
-- liability, debit balance), BANK_HONOURED (minutes a bank delivered services for), POOL, GRANT.
create table account (
    id               text primary key,
    kind             text        not null
                       check (kind in ('VOLUNTEER', 'BANK_ISSUED', 'BANK_HONOURED', 'POOL', 'GRANT')),
    debits_posted    bigint      not null default 0 check (debits_posted >= 0),
    credits_posted   bigint      not null default 0 check (credits_posted >= 0),
    debits_pending   bigint      not null default 0 check (debits_pending >= 0),
    credits_pending  bigint      not null default 0 check (credits_pending >= 0),
    updated_at       timestamptz not null default now()
);

-- Transfers move whole minutes from a debit account to a credit account. A correction is a new transfer
-- pointing at the one it reverses; nothing is edited. The ledger code is the only writer and creates every
-- account and processed event a transfer names in the same transaction, so the references are not checked
-- again per row (they cost a third of the deposit write path, BENCHMARKS.md); the amount checks stay.
create table transfer (
    id                    bigserial primary key,
    event_id              uuid        not null,
    debit_account_id      text        not null,
    credit_account_id     text        not null,
    amount_minutes        bigint      not null check (amount_minutes > 0),
    code                  text        not null,
    node_id               text        not null,
    created_at            timestamptz not null default now(),
    reverses_transfer_id  bigint references transfer (id),
    check (debit_account_id <> credit_account_id)
);
create index transfer_debit on transfer (debit_account_id);
create index transfer_credit on transfer (credit_account_id);
create index transfer_event on transfer (event_id);
create unique index transfer_reversed_once on transfer (reverses_transfer_id) where reverses_transfer_id is not null;

-- Redemptions ----------------------------------------------------------------------------------------------

-- A redemption as the hub decided it: authorized with a hold, or declined.
create table redemption (
    redemption_id     text primary key,
    node_id           text        not null,
    volunteer_id      text        not null,
    requested_minutes bigint      not null,
    event_id          uuid        not null references processed_event (event_id),
    status            text        not null check (status in ('AUTHORIZED', 'DECLINED')),
    decline_reason    text,
    created_at        timestamptz not null default now()
);

-- A pending transfer: minutes reserved from a volunteer for a bank; resolves at most once.
create table hold (
    hold_id            uuid primary key,
    redemption_id      text        not null unique references redemption (redemption_id),
    node_id            text        not null,
    debit_account_id   text        not null references account (id),
    credit_account_id  text        not null references account (id),
    amount_minutes     bigint      not null check (amount_minutes > 0),
    expires_at         timestamptz not null,
    state              text        not null check (state in ('PENDING', 'POSTED', 'VOIDED', 'EXPIRED')),
    used_minutes       bigint,
    resolved_at        timestamptz,
    resolved_by_event  uuid,
    created_at         timestamptz not null default now()
);
create index hold_pending_expiry on hold (expires_at) where state = 'PENDING';

-- Volunteers -----------------------------------------------------------------------------------------------

-- What the hub knows of a volunteer beyond the ledger, from VolunteerEnrolled / VolunteerRelocated: the home
-- bank, birth date and account type, for the rulebook's age and group-account rules.
create table volunteer (
    volunteer_id          text primary key,
    home_node_id          text        not null,
    birth_date            date        not null,
    account_type          text        not null check (account_type in ('INDIVIDUAL', 'GROUP')),
    guardian_volunteer_id text,
    updated_at            timestamptz not null default now()
);

create table volunteer_certification (
    volunteer_id   text    not null,
    certification  text    not null,
    issuer         text    not null,
    valid_until    date,
    revoked        boolean not null default false,
    primary key (volunteer_id, certification)
);

create table volunteer_insurance (
    volunteer_id  text not null,
    policy_ref    text not null,
    insurer       text not null,
    valid_from    date not null,
    valid_until   date not null,
    primary key (volunteer_id, policy_ref)
);

-- Ratings of services, the basis of a volunteer's credit evaluation; a service may be rated more than once
-- (by the recipient and by the organiser, say).
create table service_rating (
    event_id          uuid primary key,
    node_id           text        not null,
    service_event_id  uuid        not null,
    volunteer_id      text        not null,
    rater_role        text        not null,
    stars             int         not null check (stars between 1 and 5),
    comment           text,
    created_at        timestamptz not null default now()
);
create index service_rating_volunteer on service_rating (volunteer_id);

-- Reconciliation -------------------------------------------------------------------------------------------

-- Parts of a bank's statement as they arrive; reconciled once every part is in.
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
    statement_id     text primary key,
    node_id          text        not null,
    as_of_sequence   bigint      not null,
    matched          boolean     not null,
    difference_count int         not null,
    reconciled_at    timestamptz not null default now()
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

-- Notices to banks -----------------------------------------------------------------------------------------

-- The hub's Ed25519 keys for notices and checkpoints: generated on first start; the active one signs.
create table signing_key (
    key_id       text primary key,
    public_key   bytea       not null check (length(public_key) = 32),
    private_key  bytea       not null,
    active       boolean     not null default true,
    created_at   timestamptz not null default now()
);

-- Notices waiting to be sealed, written in the transaction of the decision they report; a row is deleted in
-- the transaction that seals it into a batch.
create table notice_outbox (
    id          bigserial primary key,
    node_id     text        not null,
    notice      bytea       not null,
    created_at  timestamptz not null default now()
);
create index notice_outbox_node on notice_outbox (node_id, id);

-- Each bank's notice stream: per-bank sequence and hash chain, like a bank's own stream.
create table notice_stream (
    node_id          text primary key,
    last_sequence    bigint not null default 0,
    last_batch_hash  bytea  not null default decode(repeat('00', 32), 'hex')
);

-- Sealed, signed notice batches, stored so that a retry sends the same bytes; published in order.
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

-- Transparency log (RFC 9162) ------------------------------------------------------------------------------

-- One leaf per applied event, appended in the transaction that applies it.
create table log_leaf (
    leaf_index   bigint primary key,
    event_id     uuid        not null unique,
    leaf_hash    bytea       not null check (length(leaf_hash) = 32),
    appended_at  timestamptz not null default now()
);

-- Every complete subtree of 2^level leaves (level >= 1), node_index counted at that level, so proofs need
-- no rebuilding.
create table log_node (
    level       smallint not null check (level >= 1),
    node_index  bigint   not null,
    hash        bytea    not null check (length(hash) = 32),
    primary key (level, node_index)
);

-- The log's size; its row lock orders appends.
create table log_head (
    id         int    primary key check (id = 1),
    tree_size  bigint not null
);
insert into log_head (id, tree_size) values (1, 0);

-- Signed checkpoints: (size, root, time) signed with the hub's key.
create table log_checkpoint (
    tree_size   bigint primary key,
    root_hash   bytea  not null,
    signed_at   bigint not null,
    key_id      text   not null,
    signature   bytea  not null
);
