-- Ratings of services, the basis of a volunteer's credit evaluation. A rating names a service event the
-- hub applied; one event may be rated more than once (by the recipient and by the organiser, say).
create table service_rating (
    event_id          uuid primary key,
    node_id           text        not null,
    service_event_id  uuid        not null,
    volunteer_id      text        not null,
    rater_role        text        not null,
    stars             int         not null check (stars between 1 and 5),
    comment           text,
    created_at        timestamptz not null default now()
);
create index service_rating_volunteer on service_rating (volunteer_id);
