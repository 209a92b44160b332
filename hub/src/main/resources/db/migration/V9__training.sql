-- Training and assessment (PROTOCOL.md section 15): a bank registers the courses it gives, for one service
-- category each, and records its assessments; a pass grants (or renews) the certification the rulebook
-- requires for that category, for the course's validity. Both come through the hub's API, as section 9 keeps
-- the bank's events closed within major version 1.
create table course (
    course_id         text primary key,
    provider_node_id  text        not null,
    name_zh           text        not null,
    name_en           text        not null,
    category          text        not null,
    certification     text,
    training_hours    int         not null check (training_hours between 1 and 1000),
    validity_months   int         not null check (validity_months between 1 and 120),
    created_at        timestamptz not null default now()
);

create table assessment (
    assessment_id  uuid primary key,
    course_id      text        not null references course,
    volunteer_id   text        not null,
    node_id        text        not null,
    completed_at   timestamptz not null,
    passed         boolean     not null,
    score          int         check (score between 0 and 100),
    valid_until    date,
    recorded_at    timestamptz not null default now()
);
create index assessment_volunteer on assessment (volunteer_id);

-- When the volunteer's home bank and the volunteer were told that a certification is about to expire; a renewal
-- clears it.
alter table volunteer_certification add column warned_at timestamptz;
create index volunteer_certification_expiring on volunteer_certification (valid_until)
    where warned_at is null and not revoked and valid_until is not null;
