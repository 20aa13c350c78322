import { getMigrationState, migrateToLatest, rollbackAll } from '../api/src/db/migrations';
import { openConfiguredDatabase } from './open-configured-database';

// `npm run migrate` applies pending migrations; `npm run migrate -- --down` reverts them all.
const { db } = await openConfiguredDatabase();
try {
  if (process.argv.includes('--down')) console.log('Reverted:', await rollbackAll(db.knex));
  else console.log('Applied:', await migrateToLatest(db.knex));
  console.log(await getMigrationState(db.knex));
} finally {
  await db.close();
}
