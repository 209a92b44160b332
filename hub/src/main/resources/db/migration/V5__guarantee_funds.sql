-- Each issuing bank declares a guarantee fund (兜底), in the minutes of service it can buy, against which
-- its outstanding hours are measured.
create table guarantee_fund (
    node_id       text primary key references node (node_id),
    fund_minutes  bigint      not null check (fund_minutes >= 0),
    declared_at   timestamptz not null default now()
);
