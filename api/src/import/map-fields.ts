import type { z } from 'zod';
import type { LayerName } from '../db/layers';
import { LAYER_PROPERTIES, READ_ONLY_PROPERTIES } from '../http/layer-bodies';
import { coerceText } from './coerce-text';
import { ImportError } from './import-error';
import type { RowError, SourceRow } from './import-types';

export type MappedRow = {
  /** Punte properties (camelCase), validated; undefined when `errors` is not empty. */
  properties?: Record<string, unknown>;
  errors: RowError[];
  /** Source fields no property took. */
  unused: string[];
  /** The row's externalId as read, even when other properties are invalid (to name rejected rows). */
  externalId?: string;
};

export type FieldMapping = { map: Record<string, string>; set: Record<string, string> };

const snake = (name: string) => name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);

// Bookkeeping of a Punte export (its own id, version, timestamps) is never data to import.
const NOT_DATA = new Set(['id', ...READ_ONLY_PROPERTIES, ...READ_ONLY_PROPERTIES.map(snake)]);

/** Returns the Punte properties a layer's rows may carry (writable ones). */
export function writableProperties(layer: LayerName): string[] {
  return Object.keys(LAYER_PROPERTIES[layer].shape).filter((p) => !(READ_ONLY_PROPERTIES as readonly string[]).includes(p));
}

/** Throws an ImportError when the mapping names a property the layer lacks or a field no row has. */
export function checkMapping(layer: LayerName, mapping: FieldMapping, fieldsSeen: Set<string>): void {
  const properties = writableProperties(layer);
  for (const property of [...Object.keys(mapping.map), ...Object.keys(mapping.set)]) {
    if (!properties.includes(property)) {
      throw new ImportError(`"${property}" is not a property of ${layer}; it has: ${properties.join(', ')}.`);
    }
  }
  for (const [property, field] of Object.entries(mapping.map)) {
    if (!fieldsSeen.has(field)) {
      throw new ImportError(`The mapping ${property}=${field} names a source field no row has; the fields are: ${[...fieldsSeen].join(', ')}.`);
    }
  }
}

/**
 * Returns a source row's fields as the layer's properties: each property from the field the mapping names,
 * else the field of the same name (camelCase or snake_case), else the mapping's constant; text is read as
 * the type the property needs. Services keep unused fields in `attributes`. The result is validated
 * against the layer's create schema, each error pointing at the source field.
 */
export function mapFields(
  row: SourceRow,
  layer: LayerName,
  mapping: FieldMapping,
  geometryFields: string[],
  fieldPointer: (row: SourceRow, field: string) => string,
): MappedRow {
  const schema = LAYER_PROPERTIES[layer];
  const shape = schema.shape as Record<string, z.ZodType>;
  const consumed = new Set<string>(geometryFields);
  const sourceOf: Record<string, string> = {};
  const properties: Record<string, unknown> = {};
  for (const property of writableProperties(layer)) {
    const field = mapping.map[property] ?? [property, snake(property)].find((name) => name in row.fields);
    let value: unknown;
    if (field !== undefined) {
      consumed.add(field);
      sourceOf[property] = field;
      value = row.fields[field];
      if (typeof value === 'string' && value.trim() === '') value = undefined;
    }
    if (value === undefined && mapping.set[property] !== undefined) value = mapping.set[property];
    if (value !== undefined) properties[property] = coerceText(value, shape[property]!);
  }
  const unused = Object.keys(row.fields).filter((f) => !consumed.has(f) && !NOT_DATA.has(f));
  if (layer === 'services' && unused.length > 0) {
    const extra = Object.fromEntries(unused.map((f) => [f, row.fields[f]]).filter(([, v]) => v !== undefined && v !== ''));
    const given = properties.attributes;
    // An explicit attributes value wins over spilled fields; one that is not an object is left for the schema to refuse.
    if (given === undefined) properties.attributes = extra;
    else if (typeof given === 'object' && given !== null && !Array.isArray(given)) properties.attributes = { ...extra, ...given };
  }
  const parsed = schema.safeParse(properties);
  const externalId = typeof properties.externalId === 'string' ? properties.externalId : undefined;
  const named = externalId === undefined ? {} : { externalId };
  if (parsed.success) return { properties: parsed.data as Record<string, unknown>, errors: [], unused: layer === 'services' ? [] : unused, ...named };
  const errors = parsed.error.issues.map((issue) => {
    const property = String(issue.path[0] ?? '');
    const field = sourceOf[property];
    return {
      pointer: field ? fieldPointer(row, field) : `${row.pointer}`,
      code: 'invalid-property',
      detail: `${property || 'properties'}${field && field !== property ? ` (from "${field}")` : ''}: ${issue.message}`,
    };
  });
  return { errors, unused: layer === 'services' ? [] : unused, ...named };
}
