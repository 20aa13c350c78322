import type { ImportFormat } from './import-api';

const SAMPLE_BYTES = 2_000_000;

function splitCsvLine(line: string, delimiter: string): string[] {
  // Enough for a header row: quoted names with delimiters or doubled quotes inside.
  const fields: string[] = [];
  let current = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        current += '"';
        i++;
      } else if (c === '"') quoted = false;
      else current += c;
    } else if (c === '"') quoted = true;
    else if (c === delimiter) {
      fields.push(current.trim());
      current = '';
    } else current += c;
  }
  fields.push(current.trim());
  return fields.filter(Boolean);
}

/**
 * Returns the field names a file offers for the property mapping: a CSV's header, or the properties of a
 * GeoJSON's first features; GTFS feeds map themselves (stops), so none. Reads at most the first 2 MB,
 * and returns [] for what it cannot read (the server's dry run says why).
 */
export async function sourceFields(file: File, format: ImportFormat): Promise<string[]> {
  if (format === 'gtfs') return [];
  const text = await file.slice(0, SAMPLE_BYTES).text();
  if (format === 'csv') {
    const header = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter = [',', ';', '\t'].reduce((best, d) => (header.split(d).length > header.split(best).length ? d : best), ',');
    return splitCsvLine(header, delimiter);
  }
  try {
    const json = JSON.parse(file.size > SAMPLE_BYTES ? await file.text() : text) as { features?: Array<{ properties?: Record<string, unknown> | null }> };
    const names = new Set<string>();
    for (const feature of (json.features ?? []).slice(0, 200)) Object.keys(feature.properties ?? {}).forEach((name) => names.add(name));
    return [...names];
  } catch {
    return [];
  }
}
