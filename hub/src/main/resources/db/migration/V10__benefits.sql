-- Benefits (PROTOCOL.md section 15): what a bank offers volunteers for their hours besides services (priority,
-- goods, a care-home place), where the rulebook in force allows the kind; never cash unless it allows that too.
-- Both come through the hub's API, as section 9 keeps the bank's events closed within major version 1.
create table benefit (
    benefit_id   text primary key,
    node_id      text        not null,
    name_zh      text        not null,
    name_en      text        not null,
    kind         text        not null,
    minutes      int         not null check (minutes between 1 and 90000),
    created_at   timestamptz not null default now()
);
create index benefit_node on benefit (node_id);

-- Each redemption is a debit of the volunteer with their consent, posted as an event of the hub (event_id) from the
-- volunteer to the offering bank's honoured account.
create table benefit_redemption (
    redemption_id  uuid primary key,
    benefit_id     text        not null references benefit,
    volunteer_id   text        not null,
    node_id        text        not null,
    minutes        int         not null,
    consent_id     text,
    event_id       uuid        not null,
    redeemed_at    timestamptz not null default now()
);
create index benefit_redemption_volunteer on benefit_redemption (volunteer_id);
