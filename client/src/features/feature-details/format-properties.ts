import type { I18n, MessageKey } from '../../lib/i18n';
import type { DataSourceId } from '../../map/layer-ids';

export interface DetailRow {
  key: string;
  label: string;
  value: string;
}

/** A feature turned into translated, formatted text for the details panel. */
export interface FeatureDescription {
  type: string;
  title: string;
  rows: DetailRow[];
  notes: string[];
}

type FieldFormat =
  | { kind: 'text' }
  | { kind: 'number'; template?: MessageKey; maximumFractionDigits?: number }
  | { kind: 'date' }
  | { kind: 'boolean' }
  | { kind: 'enum'; prefix: string }
  | { kind: 'zone' }
  | { kind: 'attributes' };

interface SourceSpec {
  type: MessageKey;
  titleKey: string;
  fields: [key: string, format: FieldFormat][];
}

const text: FieldFormat = { kind: 'text' };
const integer: FieldFormat = { kind: 'number', maximumFractionDigits: 0 };
const date: FieldFormat = { kind: 'date' };

// The order here is the order a caseworker reads: what it is, how many people, then provenance.
const specs: Record<DataSourceId, SourceSpec> = {
  settlements: {
    type: 'details.type.settlement',
    titleKey: 'name',
    fields: [
      ['description', text],
      ['populationEstimate', integer],
      ['householdsEstimate', integer],
      ['estimateSource', text],
      ['estimateDate', date],
      ['confidence', { kind: 'enum', prefix: 'confidence' }],
    ],
  },
  zones: {
    type: 'details.type.zone',
    titleKey: 'name',
    fields: [
      ['kind', { kind: 'enum', prefix: 'zone.kind' }],
      ['status', { kind: 'enum', prefix: 'status' }],
      ['population', integer],
      ['parentId', { kind: 'zone' }],
      ['targetDate', date],
      ['description', text],
      ['source', text],
    ],
  },
  'housing-units': {
    type: 'details.type.housingUnit',
    titleKey: 'code',
    fields: [
      ['status', { kind: 'enum', prefix: 'housing.status' }],
      ['address', text],
      ['locality', text],
      ['building', text],
      ['rooms', integer],
      ['floorAreaM2', { kind: 'number', template: 'details.squareMetres', maximumFractionDigits: 1 }],
      ['floor', integer],
      ['stepFree', { kind: 'boolean' }],
      ['programme', text],
      ['monthlyRentLei', { kind: 'number', template: 'details.perMonth', maximumFractionDigits: 0 }],
      ['accessScore', { kind: 'number', maximumFractionDigits: 2 }],
    ],
  },
  services: {
    type: 'details.type.service',
    titleKey: 'name',
    fields: [
      ['category', { kind: 'enum', prefix: 'service.category' }],
      ['address', text],
      ['locality', text],
      ['schematic', { kind: 'boolean' }],
      ['source', text],
      ['attributes', { kind: 'attributes' }],
    ],
  },
};

// Bookkeeping fields every resource carries; listed last, and only when the server sends them.
const commonFields: [key: string, format: FieldFormat][] = [
  ['externalId', text],
  ['version', integer],
  ['updatedAt', date],
];

function formatLoose(value: unknown, i18n: I18n): string {
  if (value === null || value === undefined || value === '') return i18n.t('details.none');
  if (typeof value === 'boolean') return i18n.t(value ? 'details.yes' : 'details.no');
  if (typeof value === 'number') return i18n.formatNumber(value);
  if (Array.isArray(value)) return value.map((item) => formatLoose(item, i18n)).join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function formatField(value: unknown, format: FieldFormat, i18n: I18n, zoneName: (id: number) => string | undefined): string {
  if (value === null || value === undefined || value === '') return i18n.t('details.none');
  switch (format.kind) {
    case 'number': {
      if (typeof value !== 'number') return formatLoose(value, i18n);
      const formatted = i18n.formatNumber(value, { maximumFractionDigits: format.maximumFractionDigits });
      return format.template ? i18n.t(format.template, { value: formatted }) : formatted;
    }
    case 'date':
      return typeof value === 'string' ? i18n.formatDate(value) : formatLoose(value, i18n);
    case 'enum':
      return typeof value === 'string' ? i18n.tEnum(format.prefix, value) : formatLoose(value, i18n);
    case 'zone': {
      if (typeof value !== 'number') return formatLoose(value, i18n);
      const name = zoneName(value);
      return name ? i18n.t('details.zoneRef', { name, id: value }) : `#${value}`;
    }
    case 'boolean':
    case 'text':
    case 'attributes':
      return formatLoose(value, i18n);
  }
}

function labelFor(key: string, i18n: I18n): string {
  const translated = i18n.tEnum('prop', key);
  return translated === key ? key : translated;
}

/**
 * Returns the feature's properties as translated label/value rows, in a fixed reading order,
 * followed by any properties this client does not know yet (shown under their raw names).
 */
export function describeFeature(
  source: DataSourceId,
  id: number,
  properties: Record<string, unknown>,
  i18n: I18n,
  zoneName: (id: number) => string | undefined,
): FeatureDescription {
  const spec = specs[source];
  const rows: DetailRow[] = [];
  const known = new Set<string>([spec.titleKey]);

  for (const [key, format] of spec.fields) {
    known.add(key);
    const value = properties[key];
    if (format.kind === 'attributes') {
      // Category-specific extras (e.g. a stop's routes) become rows of their own.
      if (value && typeof value === 'object' && !Array.isArray(value)) {
        for (const [attribute, attributeValue] of Object.entries(value as Record<string, unknown>)) {
          rows.push({ key: `attributes.${attribute}`, label: i18n.tEnum('attr', attribute), value: formatLoose(attributeValue, i18n) });
        }
      }
      continue;
    }
    rows.push({ key, label: labelFor(key, i18n), value: formatField(value, format, i18n, zoneName) });
  }
  for (const [key, format] of commonFields) {
    known.add(key);
    if (properties[key] === undefined) continue;
    rows.push({ key, label: labelFor(key, i18n), value: formatField(properties[key], format, i18n, zoneName) });
  }
  for (const [key, value] of Object.entries(properties)) {
    if (known.has(key) || value === null || value === undefined) continue;
    rows.push({ key, label: labelFor(key, i18n), value: formatLoose(value, i18n) });
  }
  rows.push({ key: 'id', label: i18n.t('prop.id'), value: `#${id}` });

  const notes: string[] = [];
  if (properties.schematic === true) notes.push(i18n.t('details.schematic'));

  const rawTitle = properties[spec.titleKey];
  return {
    type: i18n.t(spec.type),
    title: typeof rawTitle === 'string' && rawTitle ? rawTitle : i18n.t('details.unnamed'),
    rows,
    notes,
  };
}
