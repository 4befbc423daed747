import {
  contentViewerOf,
  reachOf,
  type Audience,
  type ContentViewer,
  type HeldCertification,
} from '../../domain/content/index.js';
import { sqlText } from '../../infra/sql/tableStatements.js';
import { t, type Database } from '../readModels/database.js';
import type { ReadModelDb } from '../readModels/readModelDb.js';
import { publishedContents, type CatalogEntry } from './contentCatalog.js';
import { writeContentReach, writePersonReach, type Reaches } from './visibilityWrites.js';

/** The columns of access_principals the audience rule reads. */
const PRINCIPAL = [
  'person_id',
  'vendor_roles',
  'partner_id',
  'partner_role',
  'partner_status',
  'partner_tier',
  'partner_region',
  'partner_type',
] as const;
type PrincipalRow = Pick<Database['access_principals'], (typeof PRINCIPAL)[number]>;
type Certifications = Record<string, HeldCertification>;
const CERTIFICATION = ['person_id', 'program_id', 'expires_at', 'revoked'] as const;
type CertificationRow = Pick<Database['access_certifications'], (typeof CERTIFICATION)[number]>;

const { access_principals: p, access_certifications: c } = t;
const COLUMNS = PRINCIPAL.join(', ');
const OPERATING = `${p.partner_status} IN ('approved', 'active')`;
const NONE: Certifications = {};

const PARTNER_CERTIFICATIONS = sqlText<CertificationRow>(
  `SELECT c.${c.person_id}, c.${c.program_id}, c.${c.expires_at}, c.${c.revoked} FROM ${c.$} c
   JOIN ${p.$} p ON p.${p.person_id} = c.${c.person_id} WHERE p.${p.partner_id} = ?`,
);
const STAFF = sqlText<PrincipalRow>(`SELECT ${COLUMNS} FROM ${p.$} WHERE ${p.vendor_roles} <> '[]'`);
const ALL_OPERATING = sqlText<PrincipalRow>(`SELECT ${COLUMNS} FROM ${p.$} WHERE ${OPERATING}`);
/** One fixed statement per indexed list of an audience, so statements stay few. */
const OPERATING_BY = {
  partnerIds: sqlText<PrincipalRow>(`SELECT ${COLUMNS} FROM ${p.$} WHERE ${p.partner_id} = ? AND ${OPERATING}`),
  regions: sqlText<PrincipalRow>(`SELECT ${COLUMNS} FROM ${p.$} WHERE ${p.partner_region} = ? AND ${OPERATING}`),
  tiers: sqlText<PrincipalRow>(`SELECT ${COLUMNS} FROM ${p.$} WHERE ${p.partner_tier} = ? AND ${OPERATING}`),
};

const viewerOf = (row: PrincipalRow, certifications: Certifications): ContentViewer =>
  contentViewerOf({
    hasVendorRole: row.vendor_roles !== '[]',
    certifications,
    ...(row.partner_id && row.partner_role
      ? {
          employer: {
            partnerId: row.partner_id,
            role: row.partner_role,
            status: row.partner_status ?? 'unknown',
            tier: row.partner_tier,
            region: row.partner_region,
            type: row.partner_type,
          },
        }
      : {}),
  });

const groupCertifications = (rows: readonly CertificationRow[]) => {
  const byPerson = new Map<string, Certifications>();
  for (const r of rows) {
    let held = byPerson.get(r.person_id);
    if (!held) {
      held = {};
      byPerson.set(r.person_id, held);
    }
    held[r.program_id] = { expiresAt: r.expires_at, revoked: Number(r.revoked) === 1 };
  }
  return byPerson;
};

const reachesOf = (viewer: ContentViewer, entries: readonly CatalogEntry[]): Reaches => {
  const next: Reaches = new Map();
  if (viewer.kind === 'nobody') return next;
  for (const entry of entries) {
    const reach = reachOf(viewer, entry.audience);
    if (reach) next.set(entry.contentId, reach.validUntil);
  }
  return next;
};

interface People {
  readonly rows: readonly PrincipalRow[];
  readonly certifications: Map<string, Certifications>;
}

/**
 * Re-evaluates people against published items (all of them, or those in `only`). The catalogue is
 * consulted before the people are loaded: with no item to evaluate (none published, or none requiring
 * the program a certification event is about) there is nothing to load or write. Visibility rows exist
 * only for published items, so a person with no item in scope has none to clear. In a rebuild of a
 * channel without gated content that spares two selects per person and certification event.
 */
const reevaluate = async (db: ReadModelDb, load: () => Promise<People>, only?: (e: CatalogEntry) => boolean) => {
  const all = await publishedContents(db);
  const entries = only ? all.filter(only) : all;
  if (entries.length === 0) return;
  const scope = only ? new Set(entries.map((e) => e.contentId)) : undefined;
  const { rows, certifications } = await load();
  for (const row of rows) {
    const next = reachesOf(viewerOf(row, certifications.get(row.person_id) ?? NONE), entries);
    await writePersonReach(db, row.person_id, next, scope);
  }
};

/** One person's principal (none: not yet registered here) and certifications. */
const personOf = (db: ReadModelDb, personId: string) => async (): Promise<People> => {
  const row = await db.selectOne('access_principals', PRINCIPAL, { person_id: personId });
  if (!row) return { rows: [], certifications: new Map() };
  const certs = await db.select('access_certifications', CERTIFICATION, { person_id: personId });
  return { rows: [row], certifications: groupCertifications(certs) };
};

/** After an event about one person (join, leave, role, vendor role): that person against every item. */
export const reevaluatePerson = (db: ReadModelDb, personId: string) => reevaluate(db, personOf(db, personId));

/** After a certification event: that person against the items requiring that program only. */
export const reevaluateCertification = (db: ReadModelDb, personId: string, programId: string) =>
  reevaluate(db, personOf(db, personId), (e) => e.audience.requiredPrograms?.includes(programId) === true);

/** After a partner event (status, tier, region): its people against every item. */
export const reevaluatePartner = (db: ReadModelDb, partnerId: string) =>
  reevaluate(db, async () => {
    const rows = await db.select('access_principals', PRINCIPAL, { partner_id: partnerId });
    const certs = rows.length ? await db.query(PARTNER_CERTIFICATIONS, [partnerId]) : [];
    return { rows, certifications: groupCertifications(certs) };
  });

/**
 * People an audience could reach: vendor staff, and employees of operating partners narrowed by the
 * most selective indexed list of the audience (one fixed statement per value, so statements stay few).
 * The audience rule itself is applied afterwards, in memory.
 */
const candidatesOf = async (db: ReadModelDb, a: Audience): Promise<PrincipalRow[]> => {
  const staff = await db.query(STAFF, []);
  const by = async (list: keyof typeof OPERATING_BY, values: readonly string[]) => {
    const out: PrincipalRow[] = [];
    for (const v of values) out.push(...(await db.query(OPERATING_BY[list], [v])));
    return out;
  };
  const employees = a.partnerIds
    ? await by('partnerIds', a.partnerIds)
    : a.regions
      ? await by('regions', a.regions)
      : a.tiers
        ? await by('tiers', a.tiers)
        : await db.query(ALL_OPERATING, []);
  return [...staff, ...employees];
};

/** After a content event: every candidate against that one item. */
export const reevaluateContent = async (db: ReadModelDb, contentId: string, audience: Audience) => {
  const candidates = await candidatesOf(db, audience);
  const certifications = new Map<string, Certifications>();
  for (const programId of audience.requiredPrograms ?? []) {
    const rows = await db.select('access_certifications', CERTIFICATION, { program_id: programId });
    for (const [personId, held] of groupCertifications(rows))
      certifications.set(personId, { ...certifications.get(personId), ...held });
  }
  const next: Reaches = new Map();
  for (const row of candidates) {
    const reach = reachOf(viewerOf(row, certifications.get(row.person_id) ?? NONE), audience);
    if (reach) next.set(row.person_id, reach.validUntil);
  }
  await writeContentReach(db, contentId, next);
};
