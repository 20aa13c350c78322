-- Where the places of a segregation analysis lie (issue 12): every settlement (by a point on its
-- surface) and every housing unit, with the zone of the analysis level that covers it (the smallest,
-- should zones of one kind overlap), the neighbourhood and locality zones that cover it (for the
-- concentration rates per 10,000 inhabitants), and its building.
-- Bindings: 1-2 the level ('neighbourhood' or 'locality', twice), 3-4 the hexagon side in metres, or null
-- for no hexagon key.
with level_zones as (
  select z.id, z.geom from zones z
  where (z.kind = ?::text)
     or (?::text = 'neighbourhood' and z.kind = 'locality'
         and not exists (select 1 from zones n where n.kind = 'neighbourhood' and ST_Covers(z.geom, ST_PointOnSurface(n.geom))))
),
places as (
  select 'settlement' as kind, s.id, null::text as building, ST_PointOnSurface(s.geom) as geom from settlements s
  union all
  select 'unit', u.id, u.building, u.geom from housing_units u
)
select p.kind, p.id, p.building, ST_X(p.geom) as lon, ST_Y(p.geom) as lat,
  (select lz.id from level_zones lz where ST_Covers(lz.geom, p.geom) order by ST_Area(lz.geom), lz.id limit 1) as zone_id,
  -- A grid anchored at the origin of EPSG:3844 has the same cells whatever the bounds: the cells over a
  -- point's own bounds are the ones that hold it (two on a shared edge: the first wins).
  case when ?::float8 is null then null else
    (select h.i || ':' || h.j from ST_HexagonGrid(?::float8, ST_Transform(p.geom, 3844)) h
      where ST_Covers(h.geom, ST_Transform(p.geom, 3844)) order by h.i, h.j limit 1) end as hex_key,
  (select z.id from zones z where z.kind = 'neighbourhood' and ST_Covers(z.geom, p.geom) order by ST_Area(z.geom), z.id limit 1) as neighbourhood_id,
  (select z.id from zones z where z.kind = 'locality' and ST_Covers(z.geom, p.geom) order by ST_Area(z.geom), z.id limit 1) as locality_id
from places p
order by p.kind, p.id
