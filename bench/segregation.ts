import { execFileSync } from 'node:child_process';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { loadConfig } from '../api/src/config';
import { prepareDatabase } from '../api/src/db/prepare-database';
import { loadSegregationInputs } from '../api/src/db/segregation/segregation-inputs';
import { DEFAULT_CONCENTRATION_LIMITS } from '../api/src/domain/candidate-score';
import { monthRange } from '../api/src/domain/months';
import { applyMoves, positionsAtMonths } from '../api/src/domain/segregation/household-positions';
import { DEFAULT_MIN_UNIT_POPULATION, DEFAULT_SPATIAL_RADIUS_M } from '../api/src/domain/segregation/segregation-indices';
import { indicesAt, prepareAnalysis, snapshotOf } from '../api/src/domain/segregation/snapshot';
import { createLogger } from '../api/src/logger';
import { analyseSegregation, currentMonth } from '../api/src/services/analyse-segregation';
import { simulateRelocations } from '../api/src/services/simulate-relocations';
import { mulberry32 } from './generate-metro';

// `npx tsx bench/segregation.ts [--engine embedded|server|both] [--runs 5]` — issue 12's goals: the indices
// over 5,000 hexagonal units × 24 months, and a simulation of 500 moves, each ≤ 200 ms on the server.
// Each engine gets a fresh database with the Cluj demo plus 500 generated households of the settlements
// (seed 12) and 500 available flats spread over Cluj-Napoca, Florești and Apahida. Times are medians of
// the runs after one warm-up: "db" is reading the inputs, "compute" the TypeScript that follows, "total"
// the service call as the API makes it.

const args = process.argv.slice(2);
const option = (name: string, fallback: string) => (args.includes(name) ? (args[args.indexOf(name) + 1] as string) : fallback);
const engines = option('--engine', process.env.DATABASE_URL ? 'both' : 'embedded');
const runs = Number(option('--runs', '5'));
const HEX_SIDE_M = 200;
const MOVES = 500;
const options = { minUnitPopulation: DEFAULT_MIN_UNIT_POPULATION, spatialRadiusM: DEFAULT_SPATIAL_RADIUS_M, limits: DEFAULT_CONCENTRATION_LIMITS };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;
async function time(work: () => Promise<unknown> | unknown): Promise<number> {
  await work();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const started = performance.now();
    await work();
    samples.push(performance.now() - started);
  }
  return median(samples);
}

/** Adds MOVES households of the settlements and MOVES available flats; returns their ids, paired. */
async function addBenchData(knex: Knex): Promise<Array<{ householdId: number; housingUnitId: number }>> {
  const random = mulberry32(12);
  const settlements = (await knex('settlements').pluck('id')) as number[];
  const households = await knex('households')
    .insert(
      Array.from({ length: MOVES }, (_, i) => {
        const adults = 1 + Math.floor(random() * 3);
        const children = Math.floor(random() * 5);
        return { code: `HH-${9000 + i}`, settlement_id: settlements[i % settlements.length], size: adults + children, adults, children, synthetic: true };
      }),
    )
    .returning('id');
  // Flats around three centres: Cluj-Napoca, Florești, Apahida.
  const centres: Array<[number, number]> = [
    [23.59, 46.77],
    [23.49, 46.745],
    [23.745, 46.81],
  ];
  const units = await knex('housing_units')
    .insert(
      Array.from({ length: MOVES }, (_, i) => {
        const [lon, lat] = centres[i % 3] as [number, number];
        return {
          code: `HU-B${i}`,
          building: `BL-B${Math.floor(i / 3)}`,
          rooms: 2,
          floor_area_m2: 48,
          status: 'available',
          geom: knex.raw('ST_SetSRID(ST_MakePoint(?, ?), 4326)', [lon + (random() - 0.5) * 0.06, lat + (random() - 0.5) * 0.03]),
        };
      }),
    )
    .returning('id');
  return households.map((h: { id: number }, i: number) => ({ householdId: h.id, housingUnitId: (units[i] as { id: number }).id }));
}

async function benchEngine(engine: 'embedded' | 'server'): Promise<string> {
  const suffix = `${process.pid}_${engine}`;
  const dir = path.join(os.tmpdir(), `punte-bench-segregation-${suffix}`);
  let env: NodeJS.ProcessEnv = { PUNTE_DATA_DIR: dir, PUNTE_SEED_DEMO: 'true' };
  let drop = async () => fs.rm(dir, { recursive: true, force: true });
  if (engine === 'server') {
    const base = new URL(process.env.DATABASE_URL as string);
    const name = `punte_bench_${suffix}`;
    const psql = (sql: string, database = 'postgres') => execFileSync('psql', ['-h', base.hostname, '-U', base.username || 'postgres', '-d', database, '-qc', sql]);
    psql(`create database ${name}`);
    psql('create extension postgis', name);
    base.pathname = `/${name}`;
    env = { DATABASE_URL: base.toString(), PUNTE_SEED_DEMO: 'true' };
    drop = async () => void psql(`drop database if exists ${name} with (force)`);
  }
  const config = loadConfig({ ...env, SESSION_SECRET: 'bench-secret-0123456789abcdef', PUNTE_IDENTITY_KEY: Buffer.alloc(32, 7).toString('base64') });
  const { db } = await prepareDatabase(config, createLogger('error'));
  try {
    const moves = await addBenchData(db.knex);
    const month = currentMonth();
    const months = monthRange(`${Number(month.slice(0, 4)) - 2}-${month.slice(5)}`, month).slice(1);

    const inputs = await loadSegregationInputs(db.knex, 'hex', HEX_SIDE_M);
    const indicesDb = await time(() => loadSegregationInputs(db.knex, 'hex', HEX_SIDE_M));
    const indicesCompute = await time(() => {
      const analysis = prepareAnalysis(inputs, options);
      const positions = positionsAtMonths(inputs.households, inputs.steps, months);
      positions.forEach((p) => indicesAt(analysis, p));
      snapshotOf(analysis, positions.at(-1) as Map<number, number | null>);
    });
    // Where the compute goes, for the README.
    const analysis = prepareAnalysis(inputs, options);
    const positions = positionsAtMonths(inputs.households, inputs.steps, months);
    const parts = {
      prepare: await time(() => prepareAnalysis(inputs, options)),
      positions: await time(() => positionsAtMonths(inputs.households, inputs.steps, months)),
      indices: await time(() => positions.forEach((p) => indicesAt(analysis, p))),
      snapshot: await time(() => snapshotOf(analysis, positions.at(-1) as Map<number, number | null>)),
    };
    console.log(`${engine}: compute parts (ms) ${JSON.stringify(Object.fromEntries(Object.entries(parts).map(([k, v]) => [k, Math.round(v)])))}`);
    const apiTotal = await time(() => analyseSegregation(db.knex, { level: 'hex', hexSideM: HEX_SIDE_M, ...options }));

    const neighbourhoods = await loadSegregationInputs(db.knex, 'neighbourhood', HEX_SIDE_M);
    const simulationCompute = await time(() => {
      const analysis = prepareAnalysis(neighbourhoods, options);
      const now = positionsAtMonths(neighbourhoods.households, neighbourhoods.steps, [month])[0] as Map<number, number | null>;
      snapshotOf(analysis, now);
      snapshotOf(analysis, applyMoves(now, moves));
    });
    const simulationTotal = await time(() => simulateRelocations(db.knex, { level: 'neighbourhood', hexSideM: HEX_SIDE_M, ...options, proposals: [{ label: 'A', moves }] }));

    const line = `| ${engine} | ${inputs.units.length.toLocaleString('en')} hexagons × ${months.length} months, ${inputs.households.length} households | ${indicesDb.toFixed(0)} ms | ${indicesCompute.toFixed(0)} ms | ${apiTotal.toFixed(0)} ms (${'series since 2014'}) | ${MOVES} moves: ${simulationCompute.toFixed(0)} ms compute, ${simulationTotal.toFixed(0)} ms total |`;
    console.log(line);
    return line;
  } finally {
    await db.close();
    await drop();
  }
}

console.log(`segregation bench: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, Node ${process.version}, load ${os.loadavg().map((l) => l.toFixed(1)).join(' ')}, ${new Date().toISOString()}`);
const rows: string[] = [];
for (const engine of engines === 'both' ? (['embedded', 'server'] as const) : [engines as 'embedded' | 'server']) rows.push(await benchEngine(engine));
console.log('\n| engine | indices input | db (inputs) | compute (24 months) | whole analysis | simulation |\n|---|---|---|---|---|---|');
for (const row of rows) console.log(row);
