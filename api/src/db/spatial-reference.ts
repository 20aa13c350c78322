import type { Knex } from 'knex';

/** Returns true when PostGIS knows the EPSG code (spatial_ref_sys), so ST_Transform can use it. */
export async function isKnownSrid(knex: Knex, srid: number): Promise<boolean> {
  const row = await knex('spatial_ref_sys').where({ srid, auth_name: 'EPSG' }).first('srid');
  return Boolean(row);
}
