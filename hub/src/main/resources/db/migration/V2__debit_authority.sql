-- Debit authority (PROTOCOL.md section 14): only a bank that verified a volunteer's real name may debit their
-- minutes, with the volunteer's signed consent; every debit can be disputed.

-- The banks that enrolled a volunteer: the home bank and the banks they visit, with how each checked the person.
create table volunteer_enrollment (
    volunteer_id         text        not null,
    node_id              text        not null,
    role                 text        not null check (role in ('HOME', 'VISIT')),
    verification_method  text,
    verified_by          text,
    event_id             uuid,
    enrolled_at          timestamptz not null default now(),
    primary key (volunteer_id, node_id)
);
insert into volunteer_enrollment (volunteer_id, node_id, role)
    select volunteer_id, home_node_id, 'HOME' from volunteer;

-- The public half of the consent key the volunteer holds, registered by the home bank.
alter table volunteer add column consent_public_key bytea check (length(consent_public_key) = 32);
alter table volunteer add column consent_key_id text;

-- A consent is used at most once.
create table consent_use (
    consent_id    text primary key,
    volunteer_id  text        not null,
    node_id       text        not null,
    event_id      uuid        not null,
    minutes       bigint      not null,
    used_at       timestamptz not null default now()
);

-- What a bank or a volunteer is told besides the signed notices: another bank enrolled the volunteer, a debit
-- was disputed or decided, the consent key changed.
create table notification (
    id            bigserial primary key,
    node_id       text,
    volunteer_id  text,
    kind          text        not null,
    subject_id    text,
    detail        text        not null,
    created_at    timestamptz not null default now(),
    check (node_id is not null or volunteer_id is not null)
);
create index notification_node on notification (node_id, id) where node_id is not null;
create index notification_volunteer on notification (volunteer_id, id) where volunteer_id is not null;

-- Disputes of debits: raised by the volunteer or their home bank, decided by the federation operator. An upheld
-- dispute gives the minutes back at the debiting bank's cost (a transfer from its issue, event compensation_event_id).
create table dispute (
    dispute_id             uuid primary key,
    volunteer_id           text        not null,
    event_id               uuid        not null,
    debiting_node_id       text        not null,
    home_node_id           text,
    minutes                bigint      not null check (minutes > 0),
    debit_code             text        not null,
    raised_by_role         text        not null,
    raised_by              text        not null,
    reason                 text        not null,
    state                  text        not null check (state in ('OPEN', 'UPHELD', 'REJECTED', 'WITHDRAWN')),
    decided_by             text,
    decision_reason        text,
    compensation_event_id  uuid,
    raised_at              timestamptz not null default now(),
    decided_at             timestamptz
);
create unique index dispute_once on dispute (event_id) where state in ('OPEN', 'UPHELD');
create index dispute_volunteer on dispute (volunteer_id);

-- Revoked API tokens, by their jti; checked on every request.
create table revoked_token (
    jti         text primary key,
    reason      text        not null,
    revoked_by  text        not null,
    revoked_at  timestamptz not null default now()
);
