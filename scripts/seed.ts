import { ensureDemoUsers } from '../api/src/db/demo-users';
import { migrateToLatest } from '../api/src/db/migrations';
import { seedDemo } from '../api/src/db/seed-demo';
import { openConfiguredDatabase } from './open-configured-database';

// `npm run seed`: migrate, then load (or reload) the Cluj demo from geodata/. Safe to repeat.
const { config, db } = await openConfiguredDatabase();
try {
  await migrateToLatest(db.knex);
  if (config.engine === 'embedded') await ensureDemoUsers(db.knex, config.demoPassword);
  const report = await seedDemo(db.knex);
  console.log(`Seeded the ${config.engine} database:`, report);
} finally {
  await db.close();
}
