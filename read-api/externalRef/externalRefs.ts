import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ExternalId, ExternalSystem, type OwnerKind } from '../../domain/externalRef/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { Database } from '../../projections/readModels/database.js';

/** `?externalRef=<system>:<id>`, e.g. `salesforce:0015g00000XyZ` (the id may itself contain colons). */
export const ExternalRefParam = z
  .string()
  .max(300)
  .transform((s, ctx) => {
    const at = s.indexOf(':');
    if (at < 1) {
      ctx.addIssue({ code: 'custom', message: 'must be <system>:<id>, e.g. salesforce:0015g00000XyZ' });
      return z.NEVER;
    }
    return { system: s.slice(0, at), externalId: s.slice(at + 1) };
  })
  .pipe(z.object({ system: ExternalSystem, externalId: ExternalId }));
export type ExternalRefParam = z.infer<typeof ExternalRefParam>;

/** The owners known by that id, as a subquery for `where(<id column>, 'in', …)`. */
export const ownersWithRef = (db: Kysely<Database>, kind: OwnerKind, ref: ExternalRefParam) =>
  db
    .selectFrom('external_refs')
    .select('owner_id')
    .where('owner_kind', '=', kind)
    .where('system', '=', ref.system)
    .where('external_id', '=', ref.externalId);

/** The same owners as a condition on `column` for fixed SQL, with its parameters. */
export const ownersWithRefSql = (column: string, kind: OwnerKind, ref: ExternalRefParam) => ({
  sql: `${column} IN (SELECT owner_id FROM external_refs WHERE owner_kind = ? AND system = ? AND external_id = ?)`,
  params: [kind, ref.system, ref.externalId],
});

/**
 * Each owner's references, `{system: id}`, for a page of views (owners without any get `{}`): fixed SQL
 * text per page size, so the reader keeps it prepared.
 */
export const externalRefsOf = async (
  db: SqlDb,
  kind: OwnerKind,
  ids: readonly string[],
): Promise<(id: string) => Record<string, string>> => {
  const rows = ids.length
    ? await db.all<{ owner_id: string; system: string; external_id: string }>(
        `SELECT owner_id, system, external_id FROM external_refs
         WHERE owner_kind = ? AND owner_id IN (${ids.map(() => '?').join(', ')}) ORDER BY system`,
        [kind, ...ids],
      )
    : [];
  const byOwner = new Map<string, Record<string, string>>();
  for (const r of rows) {
    const refs = byOwner.get(r.owner_id);
    if (refs) refs[r.system] = r.external_id;
    else byOwner.set(r.owner_id, { [r.system]: r.external_id });
  }
  return (id) => byOwner.get(id) ?? {};
};
