/** A parsed WKT geometry: GeoJSON-shaped, with the SRID of an EWKT `SRID=n;` prefix when there was one. */
export type WktResult = { geometry: { type: string; coordinates?: unknown; geometries?: unknown[] }; srid?: number } | { error: string };

type Nested = number[] | Nested[];

const TYPES: Record<string, string> = {
  POINT: 'Point',
  MULTIPOINT: 'MultiPoint',
  LINESTRING: 'LineString',
  MULTILINESTRING: 'MultiLineString',
  POLYGON: 'Polygon',
  MULTIPOLYGON: 'MultiPolygon',
  GEOMETRYCOLLECTION: 'GeometryCollection',
};

class WktSyntaxError extends Error {}

class Tokens {
  private readonly tokens: string[];
  private index = 0;
  constructor(text: string) {
    this.tokens = text.match(/\(|\)|,|[^\s(),]+/g) ?? [];
  }
  peek(): string | undefined {
    return this.tokens[this.index];
  }
  next(): string {
    const token = this.tokens[this.index++];
    if (token === undefined) throw new WktSyntaxError('unexpected end of the text');
    return token;
  }
  expect(token: string): void {
    const got = this.next();
    if (got !== token) throw new WktSyntaxError(`expected "${token}", found "${got}"`);
  }
  done(): boolean {
    return this.index >= this.tokens.length;
  }
}

/** A tuple of coordinates "x y [z [m]]"; NaN and Infinity spelled out stay numbers for validation to reject. */
function parseTuple(tokens: Tokens): number[] {
  const tuple: number[] = [];
  while (tokens.peek() !== undefined && tokens.peek() !== ',' && tokens.peek() !== ')' && tokens.peek() !== '(') {
    const token = tokens.next();
    const value = Number(token);
    if (Number.isNaN(value) && !/^[+-]?nan$/i.test(token)) throw new WktSyntaxError(`"${token}" is not a number`);
    tuple.push(value);
  }
  if (tuple.length === 0) throw new WktSyntaxError('expected coordinates');
  return tuple;
}

function parseList(tokens: Tokens): Nested[] {
  tokens.expect('(');
  const items: Nested[] = [];
  for (;;) {
    items.push(tokens.peek() === '(' ? parseList(tokens) : parseTuple(tokens));
    const separator = tokens.next();
    if (separator === ')') return items;
    if (separator !== ',') throw new WktSyntaxError(`expected "," or ")", found "${separator}"`);
  }
}

function parseGeometry(tokens: Tokens): { type: string; coordinates?: unknown; geometries?: unknown[] } {
  const word = tokens.next().toUpperCase();
  const type = TYPES[word];
  if (!type) throw new WktSyntaxError(`unknown geometry type "${word}"`);
  if (/^(Z|M|ZM)$/i.test(tokens.peek() ?? '')) tokens.next();
  if ((tokens.peek() ?? '').toUpperCase() === 'EMPTY') {
    tokens.next();
    return type === 'GeometryCollection' ? { type, geometries: [] } : { type, coordinates: [] };
  }
  if (type === 'GeometryCollection') {
    tokens.expect('(');
    const geometries = [parseGeometry(tokens)];
    while (tokens.peek() === ',') {
      tokens.next();
      geometries.push(parseGeometry(tokens));
    }
    tokens.expect(')');
    return { type, geometries };
  }
  const list = parseList(tokens);
  if (type === 'Point') return { type, coordinates: list.length === 1 ? list[0] : list };
  // MULTIPOINT ((1 2), (3 4)) and MULTIPOINT (1 2, 3 4) are both common.
  if (type === 'MultiPoint') return { type, coordinates: list.map((item) => (Array.isArray(item[0]) ? item[0] : item)) };
  return { type, coordinates: list };
}

/**
 * Returns the GeoJSON-shaped geometry of a WKT or EWKT text (POINT, POLYGON, MULTIPOLYGON and the other
 * simple-feature types, with optional Z/M), or an error saying where the text stops making sense.
 * Coordinates are returned as written; validation and any CRS transform happen afterwards.
 */
export function parseWkt(text: string): WktResult {
  let body = text.trim();
  let srid: number | undefined;
  const prefix = /^SRID=(\d+);/i.exec(body);
  if (prefix) {
    srid = Number(prefix[1]);
    body = body.slice(prefix[0].length);
  }
  if (body === '') return { error: 'the WKT text is empty' };
  try {
    const tokens = new Tokens(body);
    const geometry = parseGeometry(tokens);
    if (!tokens.done()) throw new WktSyntaxError(`unexpected "${tokens.peek()}" after the geometry`);
    return srid === undefined ? { geometry } : { geometry, srid };
  } catch (error) {
    if (error instanceof WktSyntaxError) return { error: `invalid WKT: ${error.message}` };
    throw error;
  }
}
