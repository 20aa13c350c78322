-- Hexagonal units (issue 12): a regular grid in Stereo 70 (EPSG:3844, metres) over the populated units
-- of the neighbourhood level, each hexagon's population by areal weighting — every unit's people spread
-- evenly over its area, so a hexagon holding 30 % of a neighbourhood's area gets 30 % of its people.
-- Bindings: 1 the hexagon's side in metres, 2-3 the level query's binding ('neighbourhood' twice).
with base as (
  select z.id, coalesce(z.population, 0) as population, ST_Transform(z.geom, 3844) as g, ST_Area(ST_Transform(z.geom, 3844)) as area
  from zones z
  where (z.kind = ?::text)
     or (?::text = 'neighbourhood' and z.kind = 'locality'
         and not exists (select 1 from zones n where n.kind = 'neighbourhood' and ST_Covers(z.geom, ST_PointOnSurface(n.geom))))
),
grid as (
  select h.i, h.j, h.geom
  from (select ST_Extent(g)::geometry as extent from base) e,
       lateral ST_HexagonGrid(?::float8, ST_SetSRID(e.extent, 3844)) h
),
weighted as (
  select grid.i, grid.j, grid.geom,
    -- A hexagon wholly inside a unit needs no intersection (most of them): its own area is the overlap.
    sum(case when b.population = 0 then 0
             when ST_Within(grid.geom, b.g) then b.population * ST_Area(grid.geom) / nullif(b.area, 0)
             else b.population * ST_Area(ST_Intersection(grid.geom, b.g)) / nullif(b.area, 0) end) as population
  from grid join base b on ST_Intersects(grid.geom, b.g)
  group by grid.i, grid.j, grid.geom
)
select i, j, population,
  ST_X(ST_Transform(ST_Centroid(geom), 4326)) as lon, ST_Y(ST_Transform(ST_Centroid(geom), 4326)) as lat,
  ST_AsGeoJSON(ST_Transform(geom, 4326), 6)::json as geometry
from weighted
order by i, j
