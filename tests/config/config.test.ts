import { describe, expect, it } from 'vitest';
import { ConfigError, DEFAULT_SESSION_SECRET, loadConfig } from '../../api/src/config';

describe('configuration', () => {
  it('has working defaults for the embedded demo', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ port: 3000, host: '127.0.0.1', engine: 'embedded', demoPassword: 'punte-demo' });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('lists every bad variable at once', () => {
    let message = '';
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', BASEMAP_STYLE_URL: 'not a url', PUNTE_DEMO_PASSWORD: 'short' });
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      message = (error as Error).message;
    }
    for (const variable of ['PORT', 'DATABASE_URL', 'BASEMAP_STYLE_URL', 'PUNTE_DEMO_PASSWORD']) expect(message).toContain(variable);
  });

  it('refuses the default SESSION_SECRET and identity key with a server database', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/punte' })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/punte', SESSION_SECRET: DEFAULT_SESSION_SECRET })).toThrow(/SESSION_SECRET/);
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/punte', SESSION_SECRET: 'a-private-secret-of-some-length' })).toThrow(
      /PUNTE_IDENTITY_KEY/,
    );
    const key = Buffer.alloc(32, 1).toString('base64');
    const server = loadConfig({ DATABASE_URL: 'postgres://localhost/punte', SESSION_SECRET: 'a-private-secret-of-some-length', PUNTE_IDENTITY_KEY: key });
    expect(server.engine).toBe('server');
    expect(server.identityKey?.length).toBe(32);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' })).toMatchObject({ port: 3000, engine: 'embedded' });
  });
});
