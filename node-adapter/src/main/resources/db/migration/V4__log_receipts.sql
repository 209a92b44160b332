-- The hub's transparency log as this bank sees it: each accepted event's leaf index (its receipt, to ask
-- the hub for an inclusion proof at any time), and every checkpoint the hub sent, with whether it was
-- signed by the hub and proven to extend the previous one.
alter table outbox_event add column log_index bigint;

create table log_checkpoint (
    tree_size     bigint primary key,
    root_hash     bytea       not null,
    signed_at     bigint      not null,
    signature     bytea       not null,
    consistent    boolean,
    detail        text,
    received_at   timestamptz not null default now()
);

-- An accepted event's receipt: the inclusion proof of its leaf in a checkpointed tree, verified here.
alter table outbox_event add column receipt_tree_size bigint;
alter table outbox_event add column receipt_proof jsonb;
create index outbox_event_receipt_due on outbox_event (log_index) where log_index is not null and receipt_tree_size is null;
