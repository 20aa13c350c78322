/** A GeoJSON position: longitude, latitude and an optional height (RFC 7946 §3.1.1). */
export type Position = number[];
export type Ring = Position[];

export type PointGeometry = { type: 'Point'; coordinates: Position };
export type PolygonGeometry = { type: 'Polygon'; coordinates: Ring[] };
export type MultiPolygonGeometry = { type: 'MultiPolygon'; coordinates: Ring[][] };

/** The geometries the four map layers store (a Polygon is stored as a one-part MultiPolygon). */
export type LayerGeometry = PointGeometry | PolygonGeometry | MultiPolygonGeometry;

/** The geometry type a layer stores. */
export type LayerGeometryType = 'Point' | 'MultiPolygon';

/** A bounding box: minLon, minLat, maxLon, maxLat. */
export type BoundingBox = [number, number, number, number];
