-- Candidate housing units for matching (issue 5), with the concentration around each of them.
-- Bindings: 1 household ids whose own plans are left out of the counts (int[]),
--           2-3 unit ids to consider (int[], or null for every available unit), 4 the "near" radius in metres.
-- "Live" plans are the relocated (moved, followed_up) and planned (matched, approved) households, and
-- plans on hold in one of those states: their unit stays theirs.
with live as (
  select u.id as unit_id, u.building, u.geom
  from relocation_plans p
  join housing_units u on u.id = p.housing_unit_id
  where (p.state in ('matched', 'approved', 'moved', 'followed_up')
         or (p.state = 'on_hold' and p.held_from_state in ('matched', 'approved', 'moved')))
    and not (p.household_id = any(?::int[]))
),
candidates as (
  select u.*,
    -- The smallest zone of each kind that covers the unit (zones of one kind should not overlap).
    (select z.id from zones z where z.kind = 'neighbourhood' and ST_Covers(z.geom, u.geom)
      order by ST_Area(z.geom), z.id limit 1) as neighbourhood_id,
    (select z.id from zones z where z.kind = 'locality' and ST_Covers(z.geom, u.geom)
      order by ST_Area(z.geom), z.id limit 1) as locality_zone_id
  from housing_units u
  where u.status = 'available' and (?::int[] is null or u.id = any(?::int[]))
)
select c.id, c.code, c.address, c.locality, c.building, c.rooms, c.floor_area_m2, c.floor, c.step_free, c.monthly_rent_lei,
  ST_X(c.geom) as lon, ST_Y(c.geom) as lat,
  c.neighbourhood_id, nz.name as neighbourhood_name, nz.population as neighbourhood_population,
  c.locality_zone_id, lz.name as locality_zone_name, lz.population as locality_zone_population,
  case when c.building is null then null
       else (select count(*) from live where live.building = c.building) end as building_count,
  -- Geodesic metres; the degree box first lets the GiST index and cheap maths discard far units.
  (select count(*) from live
    where ST_DWithin(live.geom, c.geom, 0.01) and ST_DWithin(live.geom::geography, c.geom::geography, ?)) as near_count,
  case when nz.id is null then null
       else (select count(*) from live where ST_Covers(nz.geom, live.geom)) end as neighbourhood_count,
  case when lz.id is null then null
       else (select count(*) from live where ST_Covers(lz.geom, live.geom)) end as locality_count
from candidates c
left join zones nz on nz.id = c.neighbourhood_id
left join zones lz on lz.id = c.locality_zone_id
order by c.id
