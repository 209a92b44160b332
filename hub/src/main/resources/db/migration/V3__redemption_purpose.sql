-- What a redemption is for, so the volunteer can see why minutes are held.
alter table redemption
    add column service_category text,
    add column relation         text,
    add column beneficiary_ref  text;

create index redemption_volunteer on redemption (volunteer_id, created_at);
