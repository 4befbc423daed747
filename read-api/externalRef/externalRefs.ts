import type { Kysely } from 'kysely';
import { z } from 'zod';
import { ExternalId, ExternalSystem, type OwnerKind } from '../../domain/externalRef/index.js';
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

/** Each owner's references, `{system: id}`, for a page of views (owners without any get `{}`). */
export const externalRefsOf = async (
  db: Kysely<Database>,
  kind: OwnerKind,
  ids: readonly string[],
): Promise<(id: string) => Record<string, string>> => {
  const rows = ids.length
    ? await db
        .selectFrom('external_refs')
        .select(['owner_id', 'system', 'external_id'])
        .where('owner_kind', '=', kind)
        .where('owner_id', 'in', ids)
        .orderBy('system')
        .execute()
    : [];
  const byOwner = new Map<string, Record<string, string>>();
  for (const r of rows) byOwner.set(r.owner_id, { ...byOwner.get(r.owner_id), [r.system]: r.external_id });
  return (id) => byOwner.get(id) ?? {};
};
