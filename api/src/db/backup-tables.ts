import type { Knex } from 'knex';

// Catalog queries of the backup (issue 10): which tables hold Punte's data, their columns with types,
// the order that satisfies their foreign keys, and a checksum of each table's contents.

export type BackupColumn = { name: string; type: string };
/** A table to back up; `primaryKey` orders its rows (parents before children of a self-reference). */
export type BackupTable = { name: string; columns: BackupColumn[]; primaryKey: string[] };

/**
 * Returns the data tables of the public schema in foreign-key order (referenced tables first), without
 * knex's migration bookkeeping and without tables that belong to an extension (PostGIS's spatial_ref_sys).
 */
export async function listBackupTables(knex: Knex): Promise<BackupTable[]> {
  const tables = await knex.raw(`
    select c.oid::int as oid, c.relname as name
      from pg_class c join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and c.relkind in ('r', 'p')
       and c.relname not like 'knex\\_migrations%'
       and not exists (select 1 from pg_depend d where d.classid = 'pg_class'::regclass and d.objid = c.oid and d.deptype = 'e')
     order by c.relname`);
  const columns = await knex.raw(`
    select a.attrelid::int as oid, a.attname as name, format_type(a.atttypid, a.atttypmod) as type
      from pg_attribute a join pg_class c on c.oid = a.attrelid join pg_namespace n on n.oid = c.relnamespace
     where n.nspname = 'public' and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
     order by a.attrelid, a.attnum`);
  const keys = await knex.raw(`
    select i.indrelid::int as oid, a.attname as name
      from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
     where i.indisprimary
     order by i.indrelid, array_position(i.indkey::int2[], a.attnum)`);
  const references = await knex.raw(`
    select conrelid::int as child, confrelid::int as parent from pg_constraint
     where contype = 'f' and conrelid <> confrelid and connamespace = 'public'::regnamespace`);
  const byOid = new Map<number, BackupTable>();
  for (const row of tables.rows as Array<{ oid: number; name: string }>) byOid.set(row.oid, { name: row.name, columns: [], primaryKey: [] });
  for (const row of keys.rows as Array<{ oid: number; name: string }>) byOid.get(row.oid)?.primaryKey.push(row.name);
  for (const row of columns.rows as Array<{ oid: number; name: string; type: string }>) byOid.get(row.oid)?.columns.push({ name: row.name, type: row.type });
  const parents = new Map<number, number[]>();
  for (const { child, parent } of references.rows as Array<{ child: number; parent: number }>) {
    parents.set(child, [...(parents.get(child) ?? []), parent]);
  }
  // Depth-first: a table comes after every table it references.
  const ordered: BackupTable[] = [];
  const seen = new Set<number>();
  const visit = (oid: number) => {
    if (seen.has(oid) || !byOid.has(oid)) return;
    seen.add(oid);
    for (const parent of parents.get(oid) ?? []) visit(parent);
    ordered.push(byOid.get(oid) as BackupTable);
  };
  for (const oid of byOid.keys()) visit(oid);
  return ordered;
}

/** The text of one row as the backup stores and checks it: each column in its type's text form. */
function rowText(table: BackupTable): string {
  return `row(${table.columns.map(() => '??::text').join(', ')})::text`;
}

/** Returns the number of rows and an order-independent md5 of the contents of `table`. */
export async function checksumTable(knex: Knex, table: BackupTable): Promise<{ rows: number; checksum: string }> {
  const text = rowText(table);
  const result = await knex.raw(
    `select count(*)::int as rows, md5(coalesce(string_agg(h, '' order by h), '')) as checksum
       from (select md5(${text}) as h from ?? t) hashed`,
    [...table.columns.map((c) => c.name), table.name],
  );
  return result.rows[0] as { rows: number; checksum: string };
}

/** Returns every row of `table` as arrays of column texts (null stays null), in primary-key order. */
export async function readTableRows(knex: Knex, table: BackupTable): Promise<Array<Array<string | null>>> {
  const order = table.primaryKey.length > 0 ? ` order by ${table.primaryKey.map(() => '??').join(', ')}` : '';
  const result = await knex.raw(
    `select json_build_array(${table.columns.map(() => '??::text').join(', ')}) as r from ??${order}`,
    [...table.columns.map((c) => c.name), table.name, ...table.primaryKey],
  );
  return (result.rows as Array<{ r: Array<string | null> }>).map((row) => row.r);
}

/** Inserts `rows` (column texts) into `table`, each value cast from text to its column's type. */
export async function insertTableRows(trx: Knex.Transaction, table: BackupTable, rows: Array<Array<string | null>>): Promise<void> {
  if (rows.length === 0) return;
  // Each value is bound as text and cast by the column's own type name from the catalog (the cast from
  // text, not a typed parameter: PGlite's driver would otherwise want a Uint8Array for bytea).
  const tuple = `(${table.columns.map((c) => `?::text::${c.type}`).join(', ')})`;
  await trx.raw(`insert into ?? (${table.columns.map(() => '??').join(', ')}) overriding system value values ${rows.map(() => tuple).join(', ')}`, [
    table.name,
    ...table.columns.map((c) => c.name),
    ...rows.flat(),
  ]);
}

/** Empties every table of `tables` at once, with their user triggers (append-only guards) off for this transaction. */
export async function emptyTables(trx: Knex.Transaction, tables: BackupTable[]): Promise<void> {
  for (const table of tables) await trx.raw('alter table ?? disable trigger user', [table.name]);
  if (tables.length > 0) await trx.raw(`truncate ${tables.map(() => '??').join(', ')} restart identity`, tables.map((t) => t.name));
}

/** Turns the user triggers of `tables` back on. */
export async function enableTriggers(trx: Knex.Transaction, tables: BackupTable[]): Promise<void> {
  for (const table of tables) await trx.raw('alter table ?? enable trigger user', [table.name]);
}

/** Sets every sequence owned by a column of `tables` past the largest value restored. */
export async function resetSequences(trx: Knex.Transaction, tables: BackupTable[]): Promise<void> {
  for (const table of tables) {
    for (const column of table.columns) {
      const found = await trx.raw('select pg_get_serial_sequence(?, ?) as sequence', [table.name, column.name]);
      const sequence = found.rows[0]?.sequence as string | null;
      if (!sequence) continue;
      await trx.raw(`select setval(?::regclass, coalesce((select max(??) from ??), 0) + 1, false)`, [sequence, column.name, table.name]);
    }
  }
}
