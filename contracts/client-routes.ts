// The client's page paths, shared by the client router and the server (issue 10): the server answers
// index.html only for these, and an honest 404 for anything else outside /api, so GIS clients and
// scripts probing /collections or /wfs are not told "200 OK" with the app's HTML.

/** Every path the client renders, as patterns with `:name` parameters. */
export const CLIENT_ROUTES = {
  map: '/',
  login: '/login',
  public: '/public',
  accessComparison: '/access/comparison',
  households: '/households',
  household: '/households/:id',
  plans: '/plans',
  plan: '/plans/:id',
  audit: '/audit',
  interventions: '/interventions',
  segregation: '/analysis/segregation',
} as const;

/** Returns the parameters of `path` matched against `pattern` ('/plans/:id'), or null when it does not match. */
export function matchPath(pattern: string, path: string): Record<string, string> | null {
  const patternParts = pattern.split('/').filter(Boolean);
  const pathParts = path.split('/').filter(Boolean);
  if (patternParts.length !== pathParts.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < patternParts.length; i++) {
    const expected = patternParts[i] as string;
    const actual = pathParts[i] as string;
    if (expected.startsWith(':')) {
      try {
        params[expected.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null;
      }
    } else if (expected !== actual) return null;
  }
  return params;
}

/** Returns true when `path` is a page of the client. */
export function isClientRoute(path: string): boolean {
  return Object.values(CLIENT_ROUTES).some((pattern) => matchPath(pattern, path) !== null);
}
