import path from 'node:path';
import { z } from 'zod';

/** The development value of SESSION_SECRET: fine for the embedded demo, refused for a server database. */
export const DEFAULT_SESSION_SECRET = 'punte-local-development-secret-change-me';
/** The password of the demo users in the embedded database unless PUNTE_DEMO_PASSWORD says otherwise. */
export const DEFAULT_DEMO_PASSWORD = 'punte-demo';
/** The development PUNTE_IDENTITY_KEY (base64 of 32 bytes): encrypts the embedded demo's identities, refused for a server database. */
export const DEFAULT_IDENTITY_KEY = 'NARKG9JW4XQt7rdXE43SN+2QAy7bRG9glTGr2gNhNRQ=';
const identityKeySchema = z.string().regex(/^[A-Za-z0-9+/]{43}=$/, 'must be 32 random bytes in base64 (`openssl rand -base64 32`)');

const portSchema = z.coerce.number().int().min(0).max(65535);

const envSchema = z.object({
  PORT: portSchema.default(3000),
  HOST: z.string().min(1).default('127.0.0.1'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgres:// or postgresql:// connection URL')
    .optional(),
  PUNTE_DATA_DIR: z.string().min(1).default('./data'),
  SESSION_SECRET: z.string().min(16, 'must be at least 16 characters').default(DEFAULT_SESSION_SECRET),
  PUNTE_DEMO_PASSWORD: z.string().min(8, 'must be at least 8 characters').default(DEFAULT_DEMO_PASSWORD),
  BASEMAP_STYLE_URL: z.string().url('must be an http(s) URL of a MapLibre style').optional(),
  PUNTE_SEED_DEMO: z.enum(['true', 'false']).default('true'),
  PUNTE_LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error', 'silent']).default('info'),
  PUNTE_IDENTITY_KEY: identityKeySchema.optional(),
  // Keys that encrypted older identity rows (comma-separated), still readable while keys rotate.
  PUNTE_IDENTITY_PREVIOUS_KEYS: z.string().transform((t) => t.split(',').map((k) => k.trim())).pipe(z.array(identityKeySchema)).optional(),
  PUNTE_REGION_BBOX: z
    .string()
    .default('22.6,46.2,24.3,47.3')
    .transform((text) => text.split(',').map((part) => Number(part.trim())))
    .refine(
      (n) => n.length === 4 && n.every(Number.isFinite) && n[0]! < n[2]! && n[1]! < n[3]! && n[0]! >= -180 && n[2]! <= 180 && n[1]! >= -90 && n[3]! <= 90,
      'must be "minLon,minLat,maxLon,maxLat" in WGS84 degrees',
    ),
  PUNTE_MAX_VERTICES: z.coerce.number().int().min(4).default(100_000),
  // Issue 6: the smallest count the public pages may show; 5 is the floor anywhere (docs/DOMAIN.md).
  // Express's `trust proxy`: "loopback", addresses/subnets (comma-separated) or a hop count; unset = none.
  PUNTE_TRUST_PROXY: z.string().trim().min(1).max(500).optional(),
  // Issue 10: a database that is down or frozen must not hold requests for minutes.
  PUNTE_DB_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(100).max(3_600_000).default(4_500),
  PUNTE_DB_ACQUIRE_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(5_000),
  PUNTE_DISCLOSURE_K: z.coerce.number().int().min(5, 'must be at least 5 (the lowest threshold any statistics office uses)').max(1000).default(10),
});

export type Config = {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  dataDir: string;
  sessionSecret: string;
  demoPassword: string;
  basemapStyleUrl: string | undefined;
  logLevel: 'debug' | 'info' | 'warn' | 'error' | 'silent';
  /** Load the Cluj demo into an empty database at start (PUNTE_SEED_DEMO, default true). */
  seedDemo: boolean;
  /** 'embedded' (PGlite in dataDir) unless DATABASE_URL points at a PostgreSQL + PostGIS server. */
  engine: 'embedded' | 'server';
  /** AES-256-GCM key of household identities (PUNTE_IDENTITY_KEY); the development default only for the embedded demo. */
  identityKey: Buffer | undefined;
  /** Earlier identity keys, to read rows written before a rotation (PUNTE_IDENTITY_PREVIOUS_KEYS). */
  identityPreviousKeys: Buffer[];
  /** Where edited and imported geometry must lie (PUNTE_REGION_BBOX, minLon,minLat,maxLon,maxLat): catches swapped axes. */
  regionBbox: [number, number, number, number];
  /** Most vertices one written geometry may have (PUNTE_MAX_VERTICES, default 100,000). */
  maxVertices: number;
  /** Smallest published count of households or people (PUNTE_DISCLOSURE_K, default 10, never below 5). */
  disclosureK: number;
  /** Which reverse proxies' X-Forwarded-* headers to believe (PUNTE_TRUST_PROXY); undefined: none. */
  trustProxy: string | number | undefined;
  /** Server engine: longest a statement of the app may run before it is cancelled (PUNTE_DB_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs: number;
  /** Server engine: longest a request waits for a connection, or to connect (PUNTE_DB_ACQUIRE_TIMEOUT_MS). */
  acquireTimeoutMs: number;
};

/** Thrown when the environment is unusable; its message lists every bad variable. */
export class ConfigError extends Error {}

/** Returns the configuration read from `env`; throws a ConfigError naming every bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // Empty strings mean "not set": shells and .env files often leave them behind.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== ''));
  const parsed = envSchema.safeParse(cleaned);
  const problems: string[] = [];
  if (!parsed.success) {
    for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')}: ${issue.message}`);
  }
  // Checked even when other variables are bad, so one start lists every problem.
  const secret = cleaned.SESSION_SECRET;
  if (cleaned.DATABASE_URL && (secret === undefined || secret === DEFAULT_SESSION_SECRET)) {
    problems.push('SESSION_SECRET: must be set to a private value when DATABASE_URL is used (a server database)');
  }
  if (cleaned.DATABASE_URL && (cleaned.PUNTE_IDENTITY_KEY === undefined || cleaned.PUNTE_IDENTITY_KEY === DEFAULT_IDENTITY_KEY)) {
    problems.push('PUNTE_IDENTITY_KEY: must be set to a private key (base64 of 32 random bytes) when DATABASE_URL is used');
  }
  if (problems.length > 0 || !parsed.success) {
    throw new ConfigError(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
  }
  const data = parsed.data;
  return {
    port: data.PORT,
    host: data.HOST,
    databaseUrl: data.DATABASE_URL,
    dataDir: path.resolve(data.PUNTE_DATA_DIR),
    sessionSecret: data.SESSION_SECRET,
    demoPassword: data.PUNTE_DEMO_PASSWORD,
    basemapStyleUrl: data.BASEMAP_STYLE_URL,
    logLevel: data.PUNTE_LOG_LEVEL,
    seedDemo: data.PUNTE_SEED_DEMO === 'true',
    engine: data.DATABASE_URL ? 'server' : 'embedded',
    identityKey: Buffer.from(data.PUNTE_IDENTITY_KEY ?? DEFAULT_IDENTITY_KEY, 'base64'),
    identityPreviousKeys: (data.PUNTE_IDENTITY_PREVIOUS_KEYS ?? []).map((k) => Buffer.from(k, 'base64')),
    regionBbox: data.PUNTE_REGION_BBOX as [number, number, number, number],
    maxVertices: data.PUNTE_MAX_VERTICES,
    disclosureK: data.PUNTE_DISCLOSURE_K,
    trustProxy: data.PUNTE_TRUST_PROXY === undefined ? undefined : /^\d+$/.test(data.PUNTE_TRUST_PROXY) ? Number(data.PUNTE_TRUST_PROXY) : data.PUNTE_TRUST_PROXY,
    statementTimeoutMs: data.PUNTE_DB_STATEMENT_TIMEOUT_MS,
    acquireTimeoutMs: data.PUNTE_DB_ACQUIRE_TIMEOUT_MS,
  };
}
