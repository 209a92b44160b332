-- Minutes above the lifetime cap that a rulebook with overflowRule HONOURS turns into honours (荣誉时): credited to
-- nobody's balance, so not in the ledger, yet counted towards the volunteer's star levels. One row per deposit; a
-- reversal of the deposit (the bank's EntryReversed, or an upheld dispute) marks it.
create table honour_overflow (
    event_id            uuid primary key,
    node_id             text        not null,
    volunteer_id        text        not null,
    minutes             bigint      not null check (minutes > 0),
    created_at          timestamptz not null,
    reversed_at         timestamptz,
    reversed_by_event   uuid
);
create index honour_overflow_volunteer on honour_overflow (volunteer_id);
