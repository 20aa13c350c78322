import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem } from '../support/problem';
import { startTestApp, type TestApp } from '../support/test-app';

describe('pseudonymous households', () => {
  let app: TestApp;
  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => app?.close());

  it('lists about 280 synthetic households without identity fields', async () => {
    const planner = await app.as('planner');
    const body = await (await planner.get('/api/households?limit=1000')).json();
    expect(body.numberMatched).toBe(282);
    for (const household of body.items) {
      expect(household.code).toMatch(/^HH-\d{4}$/);
      expect(household.synthetic).toBe(true);
      expect(household).not.toHaveProperty('name');
      expect(household).not.toHaveProperty('phone');
      expect(household).not.toHaveProperty('ciphertext');
    }
  });

  it('answers an unknown household with 404 and bad filters with 400', async () => {
    const caseworker = await app.as('caseworker');
    await expectProblem(await caseworker.get('/api/households/999999'), 404);
    await expectProblem(await caseworker.get('/api/households?priority=whenever'), 400);
  });
});
