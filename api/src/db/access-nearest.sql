-- Nearest service of each category for many origins, in geodesic metres (WGS84 spheroid).
-- A template: access-queries.ts repeats the branch below (between the markers) once per category,
-- joined by UNION ALL, so that each branch filters on one category value and the planner can use
-- that category's partial GiST index (services_geom_gist_<category>, migration 20261123020000).
-- Bindings: 1 = origins as a JSON array of {key, lon, lat}; then, per branch, the category 3 times.
--
-- Why not just `order by geom <-> origin limit 1`: `<->` on a geometry in degrees orders by planar
-- degree distance, which is not the geodesic order (a degree of longitude is ~0.68 of a degree of
-- latitude at Cluj). So each branch
--   1. takes the k = 3 planar-nearest services by KNN on the index and measures them on the spheroid;
--      the best of them, distance_m, is an upper bound on the true minimum;
--   2. proves it exact when no other service can be nearer: every service beyond the three lies at
--      least `reach` degrees away (the planar distance of the third), hence at least reach · m_min
--      metres, where m_min = min(110574 m (one degree of latitude at the equator, the least anywhere),
--      111319.49 m · cos φmax (one degree of longitude on the equatorial radius)) and
--      φmax = |lat| + distance_m / 110574 bounds the latitude any nearer service can have;
--   3. otherwise (about one lookup in ten on clustered data) fetches every service within distance_m
--      by an index range scan (ST_DWithin on geometry, a radius in degrees that can only over-include),
--      measures each on the spheroid and keeps the minimum (ties: lowest id).
-- The answer is exact, not a K-nearest approximation (valid away from the antimeridian).
with origin as materialized (
  select o.key, o.lat, ST_SetSRID(ST_MakePoint(o.lon, o.lat), 4326) as geom
  from json_to_recordset(cast(? as json)) as o(key text, lon float8, lat float8)
)
-- branch --
select o.key, cast(? as text) as category,
       coalesce(wide.id, knn.id) as service_id,
       coalesce(wide.name, knn.name) as name,
       coalesce(wide.distance_m, knn.distance_m) as distance_m
from origin o
left join lateral (
  select k.id, k.name, k.distance_m, max(k.planar) over () as reach, count(*) over () as found
  from (
    select s.id, s.name, ST_Distance(s.geom::geography, o.geom::geography) as distance_m, s.geom <-> o.geom as planar
    from services s
    where s.category = ?
    order by s.geom <-> o.geom
    limit 3
  ) k
  order by k.distance_m, k.id
  limit 1
) knn on true
left join lateral (
  select s.id, s.name, ST_Distance(s.geom::geography, o.geom::geography) as distance_m
  from services s
  where knn.found = 3
    and knn.distance_m > knn.reach * least(110574.0, 111319.49 * cos(radians(least(89.9, abs(o.lat) + knn.distance_m / 110574.0))))
    and s.category = ?
    and ST_DWithin(
      s.geom,
      o.geom,
      knn.distance_m / least(110574.0, 111319.49 * cos(radians(least(89.9, abs(o.lat) + knn.distance_m / 110574.0)))) * 1.000001 + 1e-9
    )
  order by 3, s.id
  limit 1
) wide on true
-- end --
