import type { Knex } from 'knex';

// Issue 4: one partial GiST index per service category, so "nearest school" walks a tree of schools
// only, instead of filtering every category out of services_geom_gist (2× fewer index visits in
// bench/). The categories are frozen here on purpose: a migration that adds a category adds its index.
const SERVICE_CATEGORIES = [
  'school',
  'kindergarten',
  'family_doctor',
  'clinic',
  'pharmacy',
  'transit_stop',
  'social_services',
  'employment_office',
  'grocery',
  'community_centre',
];

export async function up(knex: Knex): Promise<void> {
  for (const category of SERVICE_CATEGORIES) {
    await knex.raw(`create index ?? on services using gist (geom) where category = '${category}'`, [`services_geom_gist_${category}`]);
  }
}

export async function down(knex: Knex): Promise<void> {
  for (const category of SERVICE_CATEGORIES) {
    await knex.raw('drop index if exists ??', [`services_geom_gist_${category}`]);
  }
}
