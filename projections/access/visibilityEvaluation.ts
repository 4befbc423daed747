import { contentViewerOf, reachOf, type Audience, type ContentViewer, type HeldCertification } from '../../domain/content/index.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import { publishedContents, type CatalogEntry } from './contentCatalog.js';
import { writeContentReach, writePersonReach, type Reaches } from './visibilityWrites.js';

/** The columns of access_principals the audience rule reads. */
interface PrincipalRow {
  readonly person_id: string;
  readonly vendor_roles: string;
  readonly partner_id: string | null;
  readonly partner_role: string | null;
  readonly partner_status: string | null;
  readonly partner_tier: string | null;
  readonly partner_region: string | null;
  readonly partner_type: string | null;
}
type Certifications = Record<string, HeldCertification>;
interface CertificationRow {
  readonly person_id: string;
  readonly program_id: string;
  readonly expires_at: string;
  readonly revoked: number;
}

const COLUMNS = 'person_id, vendor_roles, partner_id, partner_role, partner_status, partner_tier, partner_region, partner_type';
const OPERATING = `partner_status IN ('approved', 'active')`;
const NONE: Certifications = {};

const viewerOf = (row: PrincipalRow, certifications: Certifications): ContentViewer =>
  contentViewerOf({
    hasVendorRole: row.vendor_roles !== '[]',
    certifications,
    ...(row.partner_id && row.partner_role
      ? { employer: { partnerId: row.partner_id, role: row.partner_role, status: row.partner_status ?? 'unknown', tier: row.partner_tier, region: row.partner_region, type: row.partner_type } }
      : {}),
  });

const groupCertifications = (rows: readonly CertificationRow[]) => {
  const byPerson = new Map<string, Certifications>();
  for (const r of rows) {
    let held = byPerson.get(r.person_id);
    if (!held) byPerson.set(r.person_id, (held = {}));
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

/** Re-evaluates people against published items (all of them, or those in `only`); one load per call. */
const reevaluate = async (db: SqlDb, rows: readonly PrincipalRow[], certifications: Map<string, Certifications>, only?: (e: CatalogEntry) => boolean) => {
  if (rows.length === 0) return;
  const all = await publishedContents(db);
  const entries = only ? all.filter(only) : all;
  const scope = only ? new Set(entries.map((e) => e.contentId)) : undefined;
  if (scope && scope.size === 0) return;
  for (const row of rows) {
    const next = reachesOf(viewerOf(row, certifications.get(row.person_id) ?? NONE), entries);
    await writePersonReach(db, row.person_id, next, scope);
  }
};

/** After an event about one person (join, leave, role, vendor role): that person against every item. */
export const reevaluatePerson = async (db: SqlDb, personId: string) => {
  const row = await db.get<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE person_id = ?`, [personId]);
  if (!row) return;
  const certs = await db.all<CertificationRow>('SELECT person_id, program_id, expires_at, revoked FROM access_certifications WHERE person_id = ?', [personId]);
  await reevaluate(db, [row], groupCertifications(certs));
};

/** After a certification event: that person against the items requiring that program only. */
export const reevaluateCertification = async (db: SqlDb, personId: string, programId: string) => {
  const row = await db.get<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE person_id = ?`, [personId]);
  if (!row) return;
  const certs = await db.all<CertificationRow>('SELECT person_id, program_id, expires_at, revoked FROM access_certifications WHERE person_id = ?', [personId]);
  await reevaluate(db, [row], groupCertifications(certs), (e) => e.audience.requiredPrograms?.includes(programId) === true);
};

/** After a partner event (status, tier, region): its people against every item. */
export const reevaluatePartner = async (db: SqlDb, partnerId: string) => {
  const rows = await db.all<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE partner_id = ?`, [partnerId]);
  if (rows.length === 0) return;
  const certs = await db.all<CertificationRow>(
    `SELECT c.person_id, c.program_id, c.expires_at, c.revoked FROM access_certifications c
     JOIN access_principals p ON p.person_id = c.person_id WHERE p.partner_id = ?`, [partnerId]);
  await reevaluate(db, rows, groupCertifications(certs));
};

/**
 * People an audience could reach: vendor staff, and employees of operating partners narrowed by the
 * most selective indexed list of the audience (one fixed statement per value, so statements stay few).
 * The audience rule itself is applied afterwards, in memory.
 */
const candidatesOf = async (db: SqlDb, a: Audience): Promise<PrincipalRow[]> => {
  const staff = await db.all<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE vendor_roles <> '[]'`);
  const by = async (column: string, values: readonly string[]) => {
    const out: PrincipalRow[] = [];
    for (const v of values) out.push(...(await db.all<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE ${column} = ? AND ${OPERATING}`, [v])));
    return out;
  };
  const employees = a.partnerIds ? await by('partner_id', a.partnerIds)
    : a.regions ? await by('partner_region', a.regions)
      : a.tiers ? await by('partner_tier', a.tiers)
        : await db.all<PrincipalRow>(`SELECT ${COLUMNS} FROM access_principals WHERE ${OPERATING}`);
  return [...staff, ...employees];
};

/** After a content event: every candidate against that one item. */
export const reevaluateContent = async (db: SqlDb, contentId: string, audience: Audience) => {
  const candidates = await candidatesOf(db, audience);
  const certifications = new Map<string, Certifications>();
  for (const programId of audience.requiredPrograms ?? []) {
    const rows = await db.all<CertificationRow>('SELECT person_id, program_id, expires_at, revoked FROM access_certifications WHERE program_id = ?', [programId]);
    for (const [personId, held] of groupCertifications(rows)) certifications.set(personId, { ...certifications.get(personId), ...held });
  }
  const next: Reaches = new Map();
  for (const row of candidates) {
    const reach = reachOf(viewerOf(row, certifications.get(row.person_id) ?? NONE), audience);
    if (reach) next.set(row.person_id, reach.validUntil);
  }
  await writeContentReach(db, contentId, next);
};
