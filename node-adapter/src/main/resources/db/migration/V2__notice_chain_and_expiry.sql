-- The hub's notice stream to this bank as far as applied: its last sequence and batch hash, so a lost
-- or forged batch is noticed (PROTOCOL.md section 3 applies to notices as to a bank's own batches).
create table notice_chain (
    node_id          text primary key,
    last_sequence    bigint not null default 0,
    last_batch_hash  bytea  not null default decode(repeat('00', 32), 'hex')
);

-- A hold that lapsed unsettled is EXPIRED, as the hub says (one vocabulary for redemptions).
alter table redemption drop constraint redemption_status_check;
alter table redemption add constraint redemption_status_check
    check (status in ('REQUESTED', 'AUTHORIZED', 'DECLINED', 'SETTLED', 'CANCELLED', 'EXPIRED'));
