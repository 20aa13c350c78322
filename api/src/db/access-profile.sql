-- Access profile of many origins: per category the nearest service, the distance to the n-th nearest
-- and the counts within 500 m, 1 km and 2 km, all geodesic (WGS84 spheroid).
-- Bindings: 1 = origins as a JSON array of {key, lon, lat}; 2 = categories as a JSON array of text;
--           3 and 4 = n.
--
-- Same reasoning as access-nearest.sql (`<->` in degrees is not the geodesic order), with planar
-- bounds that spare most spheroid computations:
--   1. KNN on services_geom_gist takes the n planar-nearest services; the largest of their geodesic
--      distances, nth_bound_m, bounds the n-th nearest from above (n services lie within it);
--   2. an index range scan (ST_DWithin on geometry, a radius in degrees that can only over-include)
--      fetches every service within reach_m = max(nth_bound_m, 2 km);
--   3. a candidate's geodesic distance lies between planar · m_min and planar · 111700 m, where
--      planar is its distance in degrees, m_min as in access-nearest.sql, and 111700 m bounds one degree
--      in any direction anywhere (the meridian degree at the poles, 111694 m, is the longest). So only
--      candidates that can be among the n nearest (planar · m_min ≤ nth_bound_m) are measured for the
--      nearest and n-th, and a count measures a candidate only when the bounds straddle its radius.
with origin as materialized (
  select o.key, o.lat, ST_SetSRID(ST_MakePoint(o.lon, o.lat), 4326) as geom
  from json_to_recordset(cast(? as json)) as o(key text, lon float8, lat float8)
),
category as (
  select value as category from json_array_elements_text(cast(? as json))
)
select o.key, c.category, a.service_id, a.name, a.service_lon, a.service_lat, a.distance_m, a.nth_m, a.within_500, a.within_1000, a.within_2000
from origin o
cross join category c
left join lateral (
  select max(ST_Distance(k.geom::geography, o.geom::geography)) as nth_bound_m
  from (
    select s.geom
    from services s
    where s.category = c.category
    order by s.geom <-> o.geom
    limit ?
  ) k
) bound on true
left join lateral (
  select greatest(bound.nth_bound_m, 2000.0) as reach_m,
         least(110574.0, 111319.49 * cos(radians(least(89.9, abs(o.lat) + greatest(bound.nth_bound_m, 2000.0) / 110574.0)))) as m_min
) r on bound.nth_bound_m is not null
left join lateral (
  select
    (array_agg(x.id order by x.distance_m, x.id) filter (where x.distance_m is not null))[1] as service_id,
    (array_agg(x.name order by x.distance_m, x.id) filter (where x.distance_m is not null))[1] as name,
    (array_agg(ST_X(x.geom) order by x.distance_m, x.id) filter (where x.distance_m is not null))[1] as service_lon,
    (array_agg(ST_Y(x.geom) order by x.distance_m, x.id) filter (where x.distance_m is not null))[1] as service_lat,
    min(x.distance_m) as distance_m,
    (array_agg(x.distance_m order by x.distance_m) filter (where x.distance_m is not null))[?] as nth_m,
    count(*) filter (where case when x.planar * 111700.0 <= 500 then true when x.planar * r.m_min > 500 then false
                                else coalesce(x.distance_m, ST_Distance(x.geom::geography, o.geom::geography)) <= 500 end) as within_500,
    count(*) filter (where case when x.planar * 111700.0 <= 1000 then true when x.planar * r.m_min > 1000 then false
                                else coalesce(x.distance_m, ST_Distance(x.geom::geography, o.geom::geography)) <= 1000 end) as within_1000,
    count(*) filter (where case when x.planar * 111700.0 <= 2000 then true when x.planar * r.m_min > 2000 then false
                                else coalesce(x.distance_m, ST_Distance(x.geom::geography, o.geom::geography)) <= 2000 end) as within_2000
  from (
    select s.id, s.name, s.geom, p.planar,
           case when p.planar * r.m_min <= bound.nth_bound_m * 1.000001 + 1e-6
                then ST_Distance(s.geom::geography, o.geom::geography) end as distance_m
    from services s
    cross join lateral (select s.geom <-> o.geom as planar) p
    where s.category = c.category
      and ST_DWithin(s.geom, o.geom, r.reach_m / r.m_min * 1.000001 + 1e-9)
  ) x
) a on r.reach_m is not null
