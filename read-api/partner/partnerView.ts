import { z } from 'zod';
import type { Database } from '../../projections/readModels/database.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { ChannelSettings } from '../../domain/channel/index.js';
import { LocationId, PartnerId, PartnerType, Period, PersonId, Slug, Tier } from '../../domain/shared/index.js';
import { CountryOut, ExternalRefsOut, InstantOut, MoneyOut, named, pageOf, UriOut } from '../../http/contract.js';
import { LocationOut } from '../location/partnerLocations.js';
import { PlanOut } from '../plan/planOut.js';

export const PartnerStatus = z.enum(['applied', 'approved', 'active', 'suspended', 'terminated', 'rejected']);
export type PartnerStatus = z.infer<typeof PartnerStatus>;
export const ReadinessOut = z.object({ certified: z.number().int(), ready: z.boolean() });

const partnerFields = {
  id: PartnerId,
  name: z.string(),
  website: UriOut,
  domain: z.string().nullable(),
  country: CountryOut,
  region: Slug,
  type: PartnerType,
  parentPartnerId: PartnerId.nullable(),
  status: PartnerStatus,
  tier: Tier.nullable(),
  channelManagerId: PersonId.nullable(),
  agreementVersion: z.string().nullable(),
  employeeCount: z.number().int(),
  certifiedPeople: z.number().int(),
  readyProductLines: z.array(z.string()),
  readiness: z.record(z.string(), ReadinessOut).describe('per product line of the channel'),
  appliedAt: InstantOut,
  approvedAt: InstantOut.nullable(),
  activatedAt: InstantOut.nullable(),
  statusChangedAt: InstantOut,
  version: z.number().int(),
};
/** A partner as the directory shows it. */
export const PartnerOut = named('Partner', z.object({ ...partnerFields, externalRefs: ExternalRefsOut }));
export const PartnerPage = pageOf('PartnerPage', PartnerOut);
/** One partner, with its quotas, locations and latest business plans. */
export const PartnerDetailOut = named(
  'PartnerDetail',
  z.object({
    ...PartnerOut.shape,
    quotas: z.array(z.object({ period: Period, amount: MoneyOut })),
    locations: z.array(LocationOut).describe('open ones first, the primary at the top'),
    plans: z.array(PlanOut).describe('the latest four periods; GET /partners/:id/plans lists them all'),
  }),
);
export const EmployeePage = pageOf(
  'EmployeePage',
  z.object({
    id: PersonId,
    name: z.string(),
    email: z.string(),
    role: z.string().nullable(),
    joinedAt: InstantOut.nullable(),
    locationId: LocationId.nullable().describe('the location the employee named as theirs'),
  }),
);

export interface Readiness {
  readonly certified: number;
  readonly ready: boolean;
}

/** Valid certifications per partner and product line, and the instant the first of them expires. */
export interface CertifiedByLine {
  readonly byPartner: Map<string, { lines: Map<string, number>; people: number }>;
  /** When a certification counted now stops counting (ms; infinite if none): readiness holds until then. */
  readonly holdsUntil: number;
}

/**
 * Valid certifications of current employees per partner and product line, evaluated at `now`: from
 * the expiries the scorecards projection keeps per partner (one primary-key row each, rather than a
 * join of people and certifications per request); a certification counts while now < its expiry.
 */
export const certifiedByLine = async (
  db: SqlDb,
  partnerIds: readonly string[],
  now: Date,
): Promise<CertifiedByLine> => {
  const byPartner = new Map<string, { lines: Map<string, number>; people: number }>();
  let holdsUntil = Number.POSITIVE_INFINITY;
  if (partnerIds.length === 0) return { byPartner, holdsUntil };
  const rows = await db.all<{ partner_id: string; certified_expiries: string; line_expiries: string }>(
    `SELECT partner_id, certified_expiries, line_expiries FROM scorecard_partners
     WHERE partner_id IN (${partnerIds.map(() => '?').join(',')})`,
    partnerIds,
  );
  const at = now.getTime();
  const valid = (expiries: readonly number[]) => {
    let n = 0;
    for (const e of expiries)
      if (e > at) {
        n++;
        if (e < holdsUntil) holdsUntil = e;
      }
    return n;
  };
  for (const id of partnerIds) byPartner.set(id, { lines: new Map(), people: 0 });
  for (const r of rows) {
    const entry = byPartner.get(r.partner_id);
    if (!entry) continue;
    entry.people = valid(JSON.parse(r.certified_expiries) as number[]);
    for (const [line, expiries] of Object.entries(JSON.parse(r.line_expiries) as Record<string, number[]>)) {
      const n = valid(expiries);
      if (n > 0) entry.lines.set(line, n);
    }
  }
  return { byPartner, holdsUntil };
};

/**
 * The partner as the API shows it: camelCase, readiness per product line (DESIGN §5), its references.
 * One literal object: a page builds fifty, and spreading a view into another copy allocates several
 * times as much, which the young generation's collections then charge to the reads.
 */
export const partnerView = (
  row: Database['partners'],
  certified: { lines: Map<string, number>; people: number } | undefined,
  settings: ChannelSettings,
  externalRefs: Record<string, string>,
): z.input<typeof PartnerOut> => {
  const readiness: Record<string, Readiness> = {};
  for (const line of settings.productLines) {
    const n = certified?.lines.get(line) ?? 0;
    readiness[line] = { certified: n, ready: n >= settings.minCertifiedForReady };
  }
  return {
    id: row.partner_id,
    name: row.name,
    website: row.website,
    domain: row.domain,
    country: row.country,
    region: row.region,
    type: row.type as PartnerType,
    parentPartnerId: row.parent_partner_id,
    status: row.status as PartnerStatus,
    tier: row.tier as Tier | null,
    channelManagerId: row.channel_manager_id,
    agreementVersion: row.agreement_version,
    employeeCount: Number(row.employee_count),
    certifiedPeople: certified?.people ?? 0,
    readyProductLines: Object.keys(readiness).filter((l) => readiness[l].ready),
    readiness,
    appliedAt: row.applied_at,
    approvedAt: row.approved_at,
    activatedAt: row.activated_at,
    statusChangedAt: row.status_changed_at,
    version: Number(row.version),
    externalRefs,
  };
};
