import type { Knex } from 'knex';
import { recordAudit } from '../db/audit';
import { accessDataVersion } from '../db/access-queries';
import { loadProgressFacts } from '../db/public-statistics';
import { carryForward, type StoredRelease } from '../domain/carry-forward-release';
import { disclosurePolicy } from '../domain/disclosure-control';
import { lastCompleteMonth, publishRelocationProgress, type RelocationProgress, type TrueCounts } from '../domain/public-progress';
import type { PublicSegregation } from '../../../contracts/public-segregation';
import { buildInterventions, buildRelocationAreas, progressSchema, type PublicRelease } from './build-public-release';
import { buildPublicSegregation } from './build-public-segregation';

// Frozen monthly releases (issue 15): the public figures of a closed month are computed once, stored in
// public_releases and served from there by /api/public/* and the static export — never recomputed on a
// request. A release follows the earlier ones by the rules of domain/carry-forward-release.ts. Releases
// are made by an admin (POST /api/public-releases), by the hourly job of the server, or by the first public
// request of a month; each is audited.

/** The stored documents of a release (interventions are about works, not people: they stay live). */
export type ReleaseDocuments = Pick<PublicRelease, 'progress' | 'originSettlements' | 'destinationLocalities' | 'segregation'>;

type ReleaseRow = { id: number; month: string; as_of_month: string; k: number; documents: ReleaseDocuments; true_counts: Record<string, number>; notes: string; created_at: Date; created_by: number | null };

const parseJson = <T>(value: unknown): T => (typeof value === 'string' ? (JSON.parse(value) as T) : (value as T));

function storedOf(row: ReleaseRow): StoredRelease & { segregation: PublicSegregation } {
  const documents = parseJson<ReleaseDocuments>(row.documents);
  return { month: row.month, progress: documents.progress, truth: new Map(Object.entries(parseJson<Record<string, number>>(row.true_counts))), segregation: documents.segregation };
}

/** Returns the stored release of `month`, or undefined. */
async function findRelease(knex: Knex | Knex.Transaction, month: string): Promise<ReleaseRow | undefined> {
  return knex('public_releases').where({ month }).first();
}

/** Returns the list of releases, newest first, without their documents. */
export async function listReleases(knex: Knex) {
  const rows = (await knex('public_releases as r')
    .leftJoin('users as u', 'u.id', 'r.created_by')
    .select('r.id', 'r.month', 'r.as_of_month', 'r.k', 'r.rounding_base', 'r.data_version', 'r.notes', 'r.created_at', 'u.username')
    .orderBy('r.month', 'desc')) as Array<Record<string, unknown>>;
  return rows.map((r) => ({
    id: r.id as number,
    month: r.month as string,
    asOfMonth: r.as_of_month as string,
    k: r.k as number,
    roundingBase: r.rounding_base as number,
    dataVersion: r.data_version as string,
    notes: r.notes as string,
    createdAt: new Date(r.created_at as string).toISOString(),
    createdBy: (r.username as string | null) ?? null,
  }));
}

/**
 * Returns the documents of the release of the last complete month before `now` following `previous`
 * (null: the first release), with the exact counts behind them and the release note. Stores nothing.
 */
export async function composeRelease(
  knex: Knex,
  k: number,
  now: Date,
  previous: (StoredRelease & { segregation: PublicSegregation }) | null,
): Promise<{ documents: ReleaseDocuments; truth: TrueCounts; note: string }> {
  const month = lastCompleteMonth(now);
  const policy = disclosurePolicy(k);
  const facts = await loadProgressFacts(knex);
  const freshAt = (asOfMonth?: string) => {
    const truth: TrueCounts = new Map();
    const progress = publishRelocationProgress(facts, month, policy, { asOfMonth, truth });
    return { progress, truth };
  };
  const carried = carryForward(previous, month, freshAt, policy);
  const progress = progressSchema.parse(carried.progress) as RelocationProgress;
  const areas = await buildRelocationAreas(knex, progress);
  const freshTrend = await buildPublicSegregation(knex, k, now);
  // The trend's published months are never revised either: earlier months as published, new ones appended.
  const segregation: PublicSegregation = previous
    ? { ...freshTrend, series: [...previous.segregation.series, ...freshTrend.series.filter((p) => p.month > previous.month)] }
    : freshTrend;
  const documents: ReleaseDocuments = { progress, ...areas, segregation };
  return { documents, truth: carried.truth, note: carried.note };
}

/**
 * Makes and stores the release of the last complete month before `now`, unless it exists; returns it and
 * whether it was made now. `actor` is the admin who asked (null: the scheduled job or a public request).
 */
export async function makeRelease(
  knex: Knex,
  k: number,
  options: { now?: Date; actor?: { id: number; username: string } | null; requestId?: string } = {},
): Promise<{ documents: ReleaseDocuments; month: string; created: boolean }> {
  const now = options.now ?? new Date();
  const month = lastCompleteMonth(now);
  const existing = await findRelease(knex, month);
  if (existing) return { documents: parseJson<ReleaseDocuments>(existing.documents), month, created: false };

  const previousRow = (await knex('public_releases').where('month', '<', month).orderBy('month', 'desc').first()) as ReleaseRow | undefined;
  const { documents, truth, note } = await composeRelease(knex, k, now, previousRow ? storedOf(previousRow) : null);
  const policy = disclosurePolicy(k);
  const progress = documents.progress;
  const dataVersion = await accessDataVersion(knex);

  const created = await knex.transaction(async (trx) => {
    const inserted = await trx('public_releases')
      .insert({
        month,
        as_of_month: progress.asOfMonth,
        k: policy.k,
        rounding_base: policy.base,
        data_version: dataVersion,
        documents: JSON.stringify(documents),
        true_counts: JSON.stringify(Object.fromEntries(truth)),
        notes: note,
        created_by: options.actor?.id ?? null,
      })
      .onConflict('month')
      .ignore()
      .returning('id');
    if (inserted.length === 0) return false;
    await recordAudit(trx, {
      actorId: options.actor?.id ?? null,
      actorUsername: options.actor?.username ?? 'scheduler',
      action: 'public-release.publish',
      tableName: 'public_releases',
      recordId: (inserted[0] as { id: number }).id,
      requestId: options.requestId,
      details: { month, asOfMonth: progress.asOfMonth, k: policy.k },
    });
    return true;
  });
  if (!created) {
    // Another request stored this month first: serve what it stored.
    const row = (await findRelease(knex, month)) as ReleaseRow;
    return { documents: parseJson<ReleaseDocuments>(row.documents), month, created: false };
  }
  return { documents, month, created: true };
}

// A stored release never changes, so each database's current one is kept in memory once read or made:
// public requests then never touch the database. Requests that find it missing share one making of it.
const current = new WeakMap<Knex, { month: string; documents: Promise<ReleaseDocuments> }>();

/** Returns the documents of the current release (the last complete month's), making it if it is missing. */
export async function currentRelease(knex: Knex, k: number, now = new Date()): Promise<ReleaseDocuments> {
  const month = lastCompleteMonth(now);
  const cached = current.get(knex);
  if (cached?.month === month) return cached.documents;
  const entry = {
    month,
    documents: findRelease(knex, month).then(async (stored) => (stored ? parseJson<ReleaseDocuments>(stored.documents) : (await makeRelease(knex, k, { now })).documents)),
  };
  current.set(knex, entry);
  // A failed read or making is not kept: the next request tries again.
  entry.documents.catch(() => {
    if (current.get(knex) === entry) current.delete(knex);
  });
  return entry.documents;
}

/**
 * Returns every document of the public release (the static export writes these): the stored release of
 * the last complete month (issue 15: never a live recomputation of case data), and the interventions.
 */
export async function buildPublicRelease(knex: Knex, k: number, now = new Date()): Promise<PublicRelease> {
  const [stored, interventions] = await Promise.all([currentRelease(knex, k, now), buildInterventions(knex)]);
  return { ...stored, ...interventions };
}

