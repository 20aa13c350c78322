import type { AddressInfo } from 'node:net';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Logger } from '../../api/src/logger';
import { problemHandler } from '../../api/src/problem';
import { parseInput } from '../../api/src/http/validate';

// Issue 9: a ZodError from the server's own output check (a public response its disclosure guard
// refused) answered 400 blaming "/body/…" and logged nothing. It is a logged 500 that leaks nothing; a
// request that fails its input schema is still a 400 naming the field.

describe('the problem handler', () => {
  const logged: Array<{ message: string; context?: Record<string, unknown> }> = [];
  const logger: Logger = {
    debug: () => {},
    info: () => {},
    warn: (message, context) => logged.push({ message, context }),
    error: (message, context) => logged.push({ message, context }),
    child: () => logger,
  };
  let server: ReturnType<ReturnType<typeof express>['listen']>;
  let base: string;

  beforeAll(async () => {
    const app = express();
    app.use(express.json());
    const output = z.object({ households: z.number().min(10, 'below the disclosure threshold') });
    app.get('/output', (_req, res) => {
      res.json(output.parse({ households: 3 }));
    });
    app.post('/input', (req, res) => {
      res.json(parseInput(z.object({ name: z.string() }), req.body, 'body'));
    });
    app.use(problemHandler(logger));
    await new Promise<void>((resolve) => {
      server = app.listen(0, '127.0.0.1', () => resolve());
    });
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => server?.close());

  it('answers a failed output check with a logged 500 that names nothing of it', async () => {
    const response = await fetch(`${base}/output`);
    expect(response.status).toBe(500);
    const body = await response.text();
    expect(body).not.toMatch(/households|disclosure|\/body/);
    expect(logged.some((line) => JSON.stringify(line).includes('below the disclosure threshold'))).toBe(true);
  });

  it('still answers a bad request body with a 400 naming the field', async () => {
    const response = await fetch(`${base}/input`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name": 1}' });
    expect(response.status).toBe(400);
    expect((await response.json()).errors[0].pointer).toBe('/body/name');
  });
});
