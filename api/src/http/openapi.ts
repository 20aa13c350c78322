import { OpenAPIRegistry, OpenApiGeneratorV31 } from '@asteasolutions/zod-to-openapi';
import { z } from 'zod';

/** Returns an empty registry; each route module registers the paths it serves with its zod schemas. */
export function createApiRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.registerComponent('securitySchemes', 'session', {
    type: 'apiKey',
    in: 'cookie',
    name: 'punte_session',
    description: 'Session cookie set by POST /api/auth/login.',
  });
  return registry;
}

/** The RFC 9457 problem body every error response carries. */
export const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  instance: z.string().optional(),
  requestId: z.string().optional(),
  errors: z.array(z.object({ pointer: z.string(), detail: z.string() })).optional(),
});

/** Returns the standard error responses for a route, as OpenAPI response objects. */
export function problemResponses(...statuses: number[]) {
  const descriptions: Record<number, string> = {
    400: 'Invalid request (problem+json names each bad parameter)',
    401: 'No valid session',
    403: 'The role may not do this',
    404: 'No such record',
    409: 'Conflict with the current state',
    412: 'The record changed since it was read (stale If-Match)',
    413: 'Body too large',
    415: 'The body is not of a content type this endpoint reads',
    422: 'Well-formed but invalid content',
    428: 'If-Match is required',
    429: 'Too many requests',
  };
  return Object.fromEntries(
    statuses.map((status) => [
      status,
      { description: descriptions[status] ?? 'Error', content: { 'application/problem+json': { schema: problemSchema } } },
    ]),
  );
}

/** Returns the OpenAPI 3.1 document of every registered path. */
export function buildOpenApiDocument(registry: OpenAPIRegistry) {
  return new OpenApiGeneratorV31(registry.definitions).generateDocument({
    openapi: '3.1.0',
    info: {
      title: 'Punte API',
      version: '0.1.0',
      description:
        'Geospatial desegregation and housing planning for Cluj-Napoca. Errors are RFC 9457 application/problem+json.',
      license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
    },
    servers: [{ url: '/' }],
  });
}
