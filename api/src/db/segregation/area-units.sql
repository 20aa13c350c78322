-- The areal units of a segregation analysis (issue 12), with their population and a label point.
-- Binding 1: the level, 'neighbourhood' or 'locality'.
-- At the neighbourhood level the city is split into its neighbourhoods and every other locality (a
-- commune with no neighbourhood inside it) is one unit of its own, so that families moved to Florești or
-- Apahida stay in the analysis instead of falling outside the map.
select z.id, z.name, z.kind, coalesce(z.population, 0) as population,
  ST_X(ST_PointOnSurface(z.geom)) as lon, ST_Y(ST_PointOnSurface(z.geom)) as lat,
  ST_AsGeoJSON(z.geom, 6)::json as geometry
from zones z
where (z.kind = ?::text)
   or (?::text = 'neighbourhood' and z.kind = 'locality'
       and not exists (select 1 from zones n where n.kind = 'neighbourhood' and ST_Covers(z.geom, ST_PointOnSurface(n.geom))))
order by z.id
