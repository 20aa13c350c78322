-- Where the places of a segregation analysis lie (issue 12): every settlement (by a point on its
-- surface) and every housing unit, with the zone of the analysis level that covers it (the smallest,
-- should zones of one kind overlap), the neighbourhood and locality zones that cover it (for the
-- concentration rates per 10,000 inhabitants), and its building.
-- Bindings: 1-2 the level ('neighbourhood' or 'locality', twice), 3 the ids of further housing units
-- (int[]; besides every unit a plan names), 4-5 the hexagon side in metres, or null for no hexagon key.
-- Only units that a plan names or that the caller asks for: the others cannot hold anyone of the group.
-- The ids of the level's zones once (materialised); the lookups below then go through the GiST index of zones.
with level_zones as materialized (
  select z.id from zones z
  where (z.kind = ?::text)
     or (?::text = 'neighbourhood' and z.kind = 'locality'
         and not exists (select 1 from zones n where n.kind = 'neighbourhood' and ST_Covers(z.geom, ST_PointOnSurface(n.geom))))
),
places as (
  select 'settlement' as kind, s.id, null::text as building, ST_PointOnSurface(s.geom) as geom from settlements s
  union all
  select 'unit', u.id, u.building, u.geom from housing_units u
  where u.id in (select housing_unit_id from relocation_plans where housing_unit_id is not null) or u.id = any(?::int[])
)
select p.kind, p.id, p.building, ST_X(p.geom) as lon, ST_Y(p.geom) as lat,
  (select z.id from zones z where ST_Covers(z.geom, p.geom) and z.id in (select id from level_zones) order by ST_Area(z.geom), z.id limit 1) as zone_id,
  -- A grid anchored at the origin of EPSG:3844 has the same cells whatever the bounds: the cells over a
  -- point's own bounds are the ones that hold it (two on a shared edge: the first wins).
  case when ?::float8 is null then null else
    (select h.i || ':' || h.j from ST_HexagonGrid(?::float8, ST_Transform(p.geom, 3844)) h
      where ST_Covers(h.geom, ST_Transform(p.geom, 3844)) order by h.i, h.j limit 1) end as hex_key,
  (select z.id from zones z where z.kind = 'neighbourhood' and ST_Covers(z.geom, p.geom) order by ST_Area(z.geom), z.id limit 1) as neighbourhood_id,
  (select z.id from zones z where z.kind = 'locality' and ST_Covers(z.geom, p.geom) order by ST_Area(z.geom), z.id limit 1) as locality_id
from places p
order by p.kind, p.id
