-- Minutes deposited and redeemed per day, bank and service category, kept by every posting that moves them
-- (LedgerSession.tally), so the statistics by category never scan the transfers. The hub keeps no deposit's
-- category before this version, so deposits count from the upgrade on; redemptions settled before it are
-- backfilled from their holds.
create table service_daily (
    day        date   not null,
    node_id    text   not null,
    category   text   not null,
    flow       text   not null check (flow in ('DEPOSITED', 'REDEEMED')),
    minutes    bigint not null,
    records    bigint not null,
    primary key (day, node_id, category, flow)
);

insert into service_daily (day, node_id, category, flow, minutes, records)
select (h.resolved_at at time zone 'UTC')::date, h.node_id, r.service_category, 'REDEEMED', sum(h.used_minutes), count(*)
from hold h join redemption r on r.redemption_id = h.redemption_id
where h.state = 'POSTED' and h.used_minutes > 0 and r.service_category is not null
group by 1, 2, 3;

-- The beneficiary's age in whole years when the redemption was requested, for the elders served by age band
-- (null before this version); the age, not the birth date, so the hub keeps no more than it needs.
alter table redemption add column beneficiary_age smallint;

-- Settled holds by when, for the elders served in a period.
create index hold_posted_resolved on hold (resolved_at) where state = 'POSTED';
