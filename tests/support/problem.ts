import { expect } from 'vitest';
import type { TestResponse } from './test-app';

/** Asserts that `response` is an RFC 9457 problem with `status`; returns its body. */
export async function expectProblem(response: Response | TestResponse, status: number): Promise<Record<string, unknown>> {
  expect(response.status).toBe(status);
  expect(response.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = (await response.json()) as Record<string, unknown>;
  expect(body).toMatchObject({ status, type: expect.any(String), title: expect.any(String), detail: expect.any(String) });
  return body;
}
