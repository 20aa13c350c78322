/**
 * The editable fields of each map layer, in the order a planner fills them in, and the conversions
 * between form values (what inputs hold: strings and booleans) and API properties (numbers, nulls).
 * The names and limits follow the server's body schemas (api/src/http/layer-bodies.ts).
 */
import type { MessageKey } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';
import { SERVICE_CATEGORIES } from '../../map/palette';
import type { Properties } from './api';

export type FieldSpec =
  | { name: string; kind: 'text'; required?: boolean; maxLength: number; multiline?: boolean }
  | { name: string; kind: 'number'; required?: boolean; min: number; max: number; step: number }
  | { name: string; kind: 'date' }
  | { name: string; kind: 'enum'; required?: boolean; prefix: string; values: readonly string[] }
  | { name: string; kind: 'boolean' };

export interface LayerForm {
  /** The shape drawn for this layer. */
  geometry: 'polygon' | 'point';
  /** The property that names a feature in messages (a housing unit has a code, not a name). */
  titleField: string;
  fields: FieldSpec[];
  /** Values a new feature starts with. */
  defaults: FormValues;
}

export type FormValues = Record<string, string | boolean>;

// Same lists as api/src/domain/vocabulary.ts; the server refuses anything else with a 400 naming the field.
const ZONE_KINDS = ['intervention', 'neighbourhood', 'locality'] as const;
const ZONE_STATUSES = ['proposed', 'planned', 'active', 'completed', 'cancelled'] as const;
const CONFIDENCE_LEVELS = ['low', 'medium', 'high'] as const;
const UNIT_STATUSES = ['available', 'reserved', 'occupied', 'unavailable'] as const;

const text = (name: string, maxLength = 500, required = false): FieldSpec => ({ name, kind: 'text', maxLength, required });
const longText = (name: string): FieldSpec => ({ name, kind: 'text', maxLength: 5000, multiline: true });
const count = (name: string): FieldSpec => ({ name, kind: 'number', min: 0, max: 100_000_000, step: 1 });

/** The form of each layer. */
export const LAYER_FORMS: Record<DataSourceId, LayerForm> = {
  zones: {
    geometry: 'polygon',
    titleField: 'name',
    fields: [
      text('name', 200, true),
      { name: 'kind', kind: 'enum', required: true, prefix: 'zone.kind', values: ZONE_KINDS },
      { name: 'status', kind: 'enum', prefix: 'status', values: ZONE_STATUSES },
      { name: 'targetDate', kind: 'date' },
      longText('description'),
      count('population'),
      text('source'),
    ],
    defaults: { kind: 'intervention', status: 'proposed' },
  },
  settlements: {
    geometry: 'polygon',
    titleField: 'name',
    fields: [
      text('name', 200, true),
      count('populationEstimate'),
      count('householdsEstimate'),
      text('estimateSource'),
      { name: 'estimateDate', kind: 'date' },
      { name: 'confidence', kind: 'enum', prefix: 'confidence', values: CONFIDENCE_LEVELS },
      longText('description'),
    ],
    defaults: {},
  },
  'housing-units': {
    geometry: 'point',
    titleField: 'code',
    fields: [
      text('code', 50, true),
      { name: 'status', kind: 'enum', required: true, prefix: 'housing.status', values: UNIT_STATUSES },
      text('address'),
      text('locality', 200),
      text('building', 100),
      { name: 'rooms', kind: 'number', required: true, min: 1, max: 20, step: 1 },
      { name: 'floorAreaM2', kind: 'number', required: true, min: 0.1, max: 999.9, step: 0.1 },
      { name: 'floor', kind: 'number', min: -5, max: 200, step: 1 },
      { name: 'stepFree', kind: 'boolean' },
      text('programme', 200),
      { name: 'monthlyRentLei', kind: 'number', min: 0, max: 1_000_000, step: 1 },
    ],
    defaults: { status: 'available', locality: 'Cluj-Napoca', rooms: '2', floorAreaM2: '45' },
  },
  services: {
    geometry: 'point',
    titleField: 'name',
    fields: [
      text('name', 200, true),
      { name: 'category', kind: 'enum', required: true, prefix: 'service.category', values: SERVICE_CATEGORIES },
      text('address'),
      text('locality', 200),
      { name: 'schematic', kind: 'boolean' },
      text('source'),
    ],
    defaults: { locality: 'Cluj-Napoca' },
  },
};

/** The name of each layer as the layer panel shows it (plural). */
export const LAYER_TITLE_KEYS: Record<DataSourceId, MessageKey> = {
  zones: 'layer.zones',
  settlements: 'layer.settlements',
  'housing-units': 'layer.housingUnits',
  services: 'layer.services',
};

/** Returns the form values showing `properties` (empty strings for missing values). */
export function valuesFromProperties(source: DataSourceId, properties: Properties): FormValues {
  const values: FormValues = {};
  for (const field of LAYER_FORMS[source].fields) {
    const value = properties[field.name];
    if (field.kind === 'boolean') values[field.name] = value === true;
    else values[field.name] = value === null || value === undefined ? '' : String(value);
  }
  return values;
}

/** Returns the starting values of a new feature of `source`. */
export function newValues(source: DataSourceId): FormValues {
  return { ...valuesFromProperties(source, {}), ...LAYER_FORMS[source].defaults };
}

function toProperty(field: FieldSpec, value: string | boolean | undefined): unknown {
  if (field.kind === 'boolean') return value === true;
  const textValue = typeof value === 'string' ? value.trim() : '';
  if (textValue === '') return null;
  if (field.kind === 'number') return Number(textValue.replace(',', '.'));
  return textValue;
}

/** Returns every field as an API property (null for an empty optional field). */
export function propertiesFromValues(source: DataSourceId, values: FormValues): Properties {
  const properties: Properties = {};
  for (const field of LAYER_FORMS[source].fields) {
    const value = toProperty(field, values[field.name]);
    // A create leaves out what is empty: required fields are checked first, optional ones default to null.
    if (value !== null) properties[field.name] = value;
  }
  return properties;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Returns only the properties whose value in `values` differs from `base` (what a PATCH should carry). */
export function changedProperties(source: DataSourceId, values: FormValues, base: Properties): Properties {
  const changes: Properties = {};
  for (const field of LAYER_FORMS[source].fields) {
    const value = toProperty(field, values[field.name]);
    const before = field.kind === 'boolean' ? base[field.name] === true : (base[field.name] ?? null);
    if (!same(value, before)) changes[field.name] = value;
  }
  return changes;
}

/** Returns the names of the fields whose values differ between two sets of form values. */
export function differingFields(source: DataSourceId, a: FormValues, b: FormValues): string[] {
  return LAYER_FORMS[source].fields.map((f) => f.name).filter((name) => !same(normalise(a[name]), normalise(b[name])));
}

function normalise(value: string | boolean | undefined): string | boolean {
  return typeof value === 'string' ? value.trim() : (value ?? '');
}

/** Keys of `checkValues` problems: a required field left empty, or a number out of range. */
export type FieldProblem = 'required' | 'number' | 'range';

/** Returns the problems the browser can see before sending (the server checks again), by field name. */
export function checkValues(source: DataSourceId, values: FormValues): Record<string, FieldProblem> {
  const problems: Record<string, FieldProblem> = {};
  for (const field of LAYER_FORMS[source].fields) {
    const value = values[field.name];
    const empty = typeof value !== 'string' || value.trim() === '';
    if ('required' in field && field.required && empty) {
      problems[field.name] = 'required';
      continue;
    }
    if (field.kind === 'number' && !empty) {
      const number = Number(String(value).trim().replace(',', '.'));
      if (!Number.isFinite(number)) problems[field.name] = 'number';
      else if (number < field.min || number > field.max || (field.step === 1 && !Number.isInteger(number))) problems[field.name] = 'range';
    }
  }
  return problems;
}
