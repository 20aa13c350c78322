import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildClientIfStale } from './build-client-if-stale';

// `npm test`: the embedded suite always; the server suite when DATABASE_URL is set; the browser
// suite when Chromium is installed. Prints which suites it skipped and why. With CI=true (or
// PUNTE_TEST_REQUIRE_ALL=1) a skipped suite is a failure: CI must prove both engines and the browser.
// Extra arguments go to Vitest (e.g. `npm test -- tests/api/layers.test.ts`).

type Suite = { name: string; files: string[]; env: Record<string, string>; skip?: string };

const chromium = process.env.PUNTE_CHROMIUM_PATH ?? '/usr/bin/chromium';
const requireAll = process.env.CI === 'true' || process.env.PUNTE_TEST_REQUIRE_ALL === '1';
const extra = process.argv.slice(2);
const wants = (dir: string) =>
  extra.filter((a) => !a.startsWith('-')).length === 0 || extra.some((a) => a.startsWith(dir) || a.startsWith(`./${dir}`));
const passThrough = extra.length > 0 ? extra : [];

const databaseFiles = ['tests/api', 'tests/db', 'tests/domain', 'tests/geo', 'tests/config'];
// tests/embedded and tests/server hold what only one engine has: the data-folder lock and kill -9 of
// PGlite; stopping and starting a PostgreSQL server.
const suites: Suite[] = [
  { name: 'embedded', files: [...databaseFiles, 'tests/embedded'], env: { PUNTE_TEST_ENGINE: 'embedded' } },
  {
    name: 'server',
    files: [...databaseFiles, 'tests/server'],
    env: { PUNTE_TEST_ENGINE: 'server' },
    skip: process.env.DATABASE_URL ? undefined : 'DATABASE_URL is not set (PostgreSQL + PostGIS server)',
  },
  {
    name: 'browser',
    files: ['tests/e2e'],
    env: { PUNTE_TEST_ENGINE: 'embedded', PUNTE_CHROMIUM_PATH: chromium },
    skip: fs.existsSync(chromium) ? undefined : `Chromium not found at ${chromium} (apt-get install chromium)`,
  },
];

type Outcome = { name: string; status: 'passed' | 'failed' | 'skipped'; reason?: string; passed: number; failed: number; skipped: number };
const outcomes: Outcome[] = [];

for (const suite of suites) {
  const files = extra.length > 0 ? passThrough.filter((a) => !a.startsWith('-') && suite.files.some((f) => a.startsWith(f))) : suite.files;
  if (extra.some((a) => !a.startsWith('-')) && files.length === 0) continue;
  if (suite.skip) {
    outcomes.push({ name: suite.name, status: 'skipped', reason: suite.skip, passed: 0, failed: 0, skipped: 0 });
    continue;
  }
  if (suite.name === 'browser') await buildClientIfStale();
  const existing = files.filter((f) => fs.existsSync(f.replace(/:.*$/, '')));
  if (existing.length === 0) {
    outcomes.push({ name: suite.name, status: 'skipped', reason: 'no test files', passed: 0, failed: 0, skipped: 0 });
    continue;
  }
  const report = path.join(os.tmpdir(), `punte-vitest-${suite.name}-${process.pid}.json`);
  console.log(`\n━━ ${suite.name} suite ━━ ${existing.join(' ')}\n`);
  const flags = passThrough.filter((a) => a.startsWith('-'));
  const run = spawnSync(
    process.execPath,
    [
      path.join('node_modules', 'vitest', 'vitest.mjs'),
      'run',
      ...existing,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${report}`,
      ...flags,
    ],
    { stdio: 'inherit', env: { ...process.env, ...suite.env } },
  );
  let counts = { passed: 0, failed: 0, skipped: 0 };
  if (fs.existsSync(report)) {
    const json = JSON.parse(fs.readFileSync(report, 'utf8'));
    counts = { passed: json.numPassedTests, failed: json.numFailedTests, skipped: json.numPendingTests + json.numTodoTests };
    fs.rmSync(report);
  }
  const failed = run.status !== 0 || counts.failed > 0 || counts.passed === 0;
  outcomes.push({ name: suite.name, status: failed ? 'failed' : 'passed', ...counts });
}

console.log('\n━━ summary ━━');
for (const o of outcomes) {
  const figures = o.status === 'skipped' ? `skipped: ${o.reason}` : `${o.passed} passed, ${o.failed} failed, ${o.skipped} skipped`;
  console.log(`  ${o.name.padEnd(9)} ${o.status.toUpperCase().padEnd(8)} ${figures}`);
}
const total = outcomes.reduce((sum, o) => ({ passed: sum.passed + o.passed, failed: sum.failed + o.failed, skipped: sum.skipped + o.skipped }), {
  passed: 0,
  failed: 0,
  skipped: 0,
});
const skippedSuites = outcomes.filter((o) => o.status === 'skipped');
const failedSuites = outcomes.filter((o) => o.status === 'failed');
if (requireAll && skippedSuites.length > 0) {
  console.log(`\nCI requires every suite; skipped: ${skippedSuites.map((s) => s.name).join(', ')}`);
}
console.log(`\ntests: ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(failedSuites.length > 0 || (requireAll && skippedSuites.length > 0) ? 1 : 0);
