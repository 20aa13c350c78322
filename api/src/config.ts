import path from 'node:path';
import { z } from 'zod';

/** The development value of SESSION_SECRET: fine for the embedded demo, refused for a server database. */
export const DEFAULT_SESSION_SECRET = 'punte-local-development-secret-change-me';
/** The password of the demo users in the embedded database unless PUNTE_DEMO_PASSWORD says otherwise. */
export const DEFAULT_DEMO_PASSWORD = 'punte-demo';

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
  if (parsed.success && parsed.data.DATABASE_URL && parsed.data.SESSION_SECRET === DEFAULT_SESSION_SECRET) {
    problems.push('SESSION_SECRET: must be set to a private value when DATABASE_URL is used (a server database)');
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
  };
}
