-- What the hub knows of a volunteer beyond the ledger: home bank, birth date and account type (from
-- VolunteerEnrolled / VolunteerRelocated), certifications and insurance. The rulebook's age,
-- certification and insurance rules read it.

create table volunteer (
    volunteer_id          text primary key,
    home_node_id          text        not null,
    birth_date            date        not null,
    account_type          text        not null check (account_type in ('INDIVIDUAL', 'GROUP')),
    guardian_volunteer_id text,
    updated_at            timestamptz not null default now()
);

create table volunteer_certification (
    volunteer_id   text not null,
    certification  text not null,
    issuer         text not null,
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
