-- Two-phase transfers (holds) for redemptions, more account kinds, and reversals.

alter table account drop constraint account_kind_check;
alter table account add constraint account_kind_check
    check (kind in ('VOLUNTEER', 'BANK_ISSUED', 'BANK_HONOURED', 'POOL', 'GRANT'));
alter table account add column debits_pending  bigint not null default 0 check (debits_pending >= 0);
alter table account add column credits_pending bigint not null default 0 check (credits_pending >= 0);

-- A correction is a new transfer pointing at the one it reverses; nothing is edited.
alter table transfer add column reverses_transfer_id bigint references transfer (id);
create unique index transfer_reversed_once on transfer (reverses_transfer_id) where reverses_transfer_id is not null;
create index transfer_event on transfer (event_id);

-- A redemption as the hub decided it: authorized with a hold, or declined.
create table redemption (
    redemption_id     text primary key,
    node_id           text        not null,
    volunteer_id      text        not null,
    requested_minutes bigint      not null,
    event_id          uuid        not null references applied_event (event_id),
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

-- Every event id the hub has processed, with its outcome, so a resubmission gets the original answer.
alter table applied_event rename to processed_event;
alter table processed_event add column outcome text not null default 'APPLIED' check (outcome in ('APPLIED', 'REJECTED'));
alter table processed_event add column reason_code text;
