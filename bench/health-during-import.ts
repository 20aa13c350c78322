import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startServer } from '../tests/support/server-process';

// `npx tsx bench/health-during-import.ts [--mb 48] [--engine embedded|server]` — issue 17: how fast does
// /api/health answer while a large CSV import runs? Starts the real server in its own process (a fresh
// embedded folder, or a scratch database beside DATABASE_URL), signs in as a planner, posts a CSV of
// about N MB of points, and polls health every 20 ms until the import is done: p50, p99 and max.
const args = process.argv.slice(2);
const mb = Number(args[args.indexOf('--mb') + 1] ?? 48) || 48;
const engine = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : process.env.DATABASE_URL ? 'server' : 'embedded';
const password = 'bench-password-123';

function csvOfSize(megabytes: number): string {
  const lines = ['externalId,name,category,address,lon,lat'];
  let size = 0;
  for (let i = 0; size < megabytes * 1024 * 1024; i++) {
    const line = `bench-${i},Stație de test numărul ${i},transit_stop,Strada Exemplului nr. ${i % 500} Cluj-Napoca,${(23.45 + (i % 1000) * 0.0003).toFixed(6)},${(46.7 + Math.floor(i / 1000) * 0.0002).toFixed(6)}`;
    lines.push(line);
    size += line.length + 1;
  }
  return lines.join('\n');
}

/** GETs `url`, retrying once on a reset connection (a blocked event loop can outlive the keep-alive timer). */
async function get(url: string, headers: Record<string, string> = {}): Promise<Response> {
  try {
    return await fetch(url, { headers });
  } catch {
    return fetch(url, { headers });
  }
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] as number;

const suffix = randomBytes(4).toString('hex');
const dir = path.join(os.tmpdir(), `punte-bench-health-${suffix}`);
let env: Record<string, string>;
let dropDatabase = () => {};
if (engine === 'server') {
  const base = new URL(process.env.DATABASE_URL as string);
  const name = `punte_bench_${suffix}`;
  execFileSync('psql', ['-h', base.hostname, '-p', base.port || '5432', '-U', base.username || 'postgres', '-d', 'postgres', '-qc', `create database ${name}`]);
  base.pathname = `/${name}`;
  env = { DATABASE_URL: base.toString(), SESSION_SECRET: 'bench-secret-0123456789abcdef', PUNTE_IDENTITY_KEY: Buffer.alloc(32, 9).toString('base64'), PUNTE_SEED_DEMO: 'false' };
  dropDatabase = () => execFileSync('psql', ['-h', base.hostname, '-U', base.username || 'postgres', '-d', 'postgres', '-qc', `drop database if exists ${name} with (force)`]);
} else {
  env = { PUNTE_DATA_DIR: dir, PUNTE_SEED_DEMO: 'false', PUNTE_DEMO_PASSWORD: password };
}
const csv = csvOfSize(mb);
const server = await startServer(env);
try {
  if (engine === 'server') {
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/create-user.ts', '--username', 'planner', '--role', 'planner'], {
      env: { ...process.env, ...env, PUNTE_NEW_PASSWORD: password },
      stdio: 'ignore',
    });
  }
  const login = await fetch(`${server.url}api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password }) });
  if (!login.ok) throw new Error(`login failed: ${login.status} ${await login.text()}`);
  const cookie = (login.headers.get('set-cookie') as string).split(';')[0] as string;

  const idle: number[] = [];
  for (let i = 0; i < 50; i++) {
    const t = performance.now();
    await (await fetch(`${server.url}api/health`)).arrayBuffer();
    idle.push(performance.now() - t);
  }
  const started = performance.now();
  const posted = await fetch(`${server.url}api/imports?layer=services&filename=bench.csv`, { method: 'POST', headers: { cookie, 'content-type': 'text/csv' }, body: csv });
  const location = posted.headers.get('location') as string;
  if (posted.status !== 202 && posted.status !== 200) throw new Error(`import refused: ${posted.status} ${await posted.text()}`);
  const during: number[] = [];
  let state = 'running';
  let report: unknown;
  let lastPoll = 0;
  while (state === 'running') {
    const t = performance.now();
    await (await get(`${server.url}api/health`)).arrayBuffer();
    during.push(performance.now() - t);
    if (performance.now() - lastPoll > 500) {
      lastPoll = performance.now();
      const job = (await (await get(`${server.url}${location.slice(1)}`, { cookie })).json()) as { state: string; report?: unknown };
      state = job.state;
      report = job.report;
    }
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  const seconds = (performance.now() - started) / 1000;
  const sorted = [...during].sort((a, b) => a - b);
  const idleSorted = [...idle].sort((a, b) => a - b);
  const { inserted, total } = report as { inserted: number; total: number };
  console.log(
    JSON.stringify(
      {
        engine,
        csvMB: +(Buffer.byteLength(csv) / 1024 / 1024).toFixed(1),
        rows: total,
        inserted,
        importSeconds: +seconds.toFixed(1),
        state,
        idleHealthMs: { p50: +percentile(idleSorted, 50).toFixed(1), p99: +percentile(idleSorted, 99).toFixed(1) },
        healthDuringImportMs: { samples: during.length, p50: +percentile(sorted, 50).toFixed(1), p99: +percentile(sorted, 99).toFixed(1), max: +(sorted.at(-1) as number).toFixed(1) },
      },
      null,
      2,
    ),
  );
} finally {
  server.child.kill('SIGTERM');
  await server.exited;
  dropDatabase();
  await fs.rm(dir, { recursive: true, force: true });
}
