-- What the console, the volunteer portal and the public statistics page read (issue 13).

-- Minutes and transfers per day, bank and transfer code, kept up to date by every posting
-- (LedgerRepository.post), so the statistics never scan the transfer table.
create table ledger_daily (
    day        date   not null,
    node_id    text   not null,
    code       text   not null,
    minutes    bigint not null,
    transfers  bigint not null,
    primary key (day, node_id, code)
);

-- Backfill from what was posted before this table existed.
insert into ledger_daily (day, node_id, code, minutes, transfers)
select (created_at at time zone 'UTC')::date, node_id, code, sum(amount_minutes), count(*)
from transfer
group by 1, 2, 3;

-- Each volunteer account's newest posting, so "active in 90 days" is an index range count.
create index account_volunteer_updated on account (updated_at) where kind = 'VOLUNTEER';

-- A bank's public profile: where a volunteer can redeem (the bank directory).
create table bank_profile (
    node_id      text primary key references node (node_id),
    name_zh      text        not null,
    name_en      text        not null,
    region_code  char(6)     not null check (region_code ~ '^[1-8][0-9]{5}$'),
    address      text        not null,
    phone        text        not null,
    hours        text        not null,
    categories   text[]      not null,
    updated_at   timestamptz not null default now(),
    updated_by   text        not null
);

-- A person signed in to the pages: the cookie holds a random value, this table its SHA-256.
create table page_session (
    id_sha256   bytea primary key,
    subject     text        not null,
    role        text        not null,
    jti         text,
    csrf        text        not null,
    created_at  timestamptz not null default now(),
    expires_at  timestamptz not null
);

-- A one-time sign-in link a bank asked for, for one volunteer it serves.
create table sign_in_link (
    code_sha256   bytea primary key,
    volunteer_id  text        not null,
    node_id       text        not null,
    created_at    timestamptz not null default now(),
    expires_at    timestamptz not null,
    used_at       timestamptz
);
