import type { Audience } from '../../domain/content/index.js';
import { sqlText } from '../../infra/sql/tableStatements.js';
import { t } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { transactionMemo } from '../runner/transactionMemo.js';

/** A published content item as the visibility evaluation needs it. */
export interface CatalogEntry {
  readonly contentId: string;
  readonly audience: Audience;
}

interface Cached {
  readonly generation: number;
  readonly entries: readonly CatalogEntry[];
}

const { access_contents: c } = t;
const GENERATION = sqlText<{ g: number | null }>(`SELECT MAX(${c.changed_position}) AS g FROM ${c.$}`);

/*
 * Person events evaluate the person against every published item: parsing 2,000 audiences per event
 * would dominate a rebuild. The parsed catalogue is kept per database handle and reused while the
 * generation (the log position of the latest content change) is unchanged. That generation is read
 * inside the running transaction, so a rolled-back batch or a rebuild (which empties the table) is
 * noticed; a given generation always stands for the same prefix of the log, hence the same catalogue.
 */
const caches = new WeakMap<ReadModelDb, Cached>();

/**
 * The generation as the running transaction knows it. Only this projection writes the table, and a
 * transaction holds the write lock from its start, so once read the generation changes only by a
 * content handler of the same transaction, which forgets it. A rebuild's person events read it once per
 * transaction instead of once per event (half a million selects in a million-event rebuild, one in nine
 * of its statements). Outside a transaction the runner began, every call reads the table.
 */
const known = transactionMemo<ReadModelDb, number>();
const GENERATION_KEY = 'generation';

/** The runner's `begin`: a transaction starts, knowing nothing of the catalogue. */
export const beginCatalogTransaction = known.begin;

/** A content handler changed the table: the generation is read again when next needed. */
export const catalogChanged = (db: ReadModelDb) => known.forget(db, GENERATION_KEY);

const generationOf = (db: ReadModelDb) =>
  known.recall(db, GENERATION_KEY, async () => Number((await db.queryOne(GENERATION, []))?.g ?? 0));

export const publishedContents = async (db: ReadModelDb): Promise<readonly CatalogEntry[]> => {
  const generation = await generationOf(db);
  const cached = caches.get(db);
  if (cached && cached.generation === generation) return cached.entries;
  const rows = await db.select(
    'access_contents',
    ['content_id', 'audience'],
    { status: 'published' },
    { orderBy: ['content_id'] },
  );
  const entries = rows.map((r) => ({ contentId: r.content_id, audience: JSON.parse(r.audience) as Audience }));
  caches.set(db, { generation, entries });
  return entries;
};
