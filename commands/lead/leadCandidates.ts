import type { SqlDb } from '../../infra/sql/sqlDb.js';

/**
 * The partners routing may choose for a lead (DESIGN §13): active, in the lead's region, and ready to
 * sell its product line (at least `minCertified` current employees with a valid certification for it).
 * The server answers from the read models; the seed from its own simulation (it runs no projections).
 * The routing command checks the winner's status and region against its stream again.
 */
export type LeadCandidates = (
  region: string,
  productLine: string,
  minCertified: number,
  now: Date,
) => Promise<readonly string[]>;

const SQL = `SELECT p.partner_id FROM partners p
  JOIN people pe ON pe.partner_id = p.partner_id
  JOIN certifications c ON c.person_id = pe.person_id
  WHERE p.region = ? AND p.status = 'active' AND c.product_line = ? AND c.revoked_at IS NULL AND c.expires_at > ?
  GROUP BY p.partner_id HAVING COUNT(DISTINCT c.person_id) >= ? ORDER BY p.partner_id`;

/** Candidates from the directory and certification read models (the readiness the partner view shows). */
export const readModelLeadCandidates =
  (reader: SqlDb): LeadCandidates =>
  async (region, productLine, minCertified, now) =>
    (await reader.all<{ partner_id: string }>(SQL, [region, productLine, now.toISOString(), minCertified])).map(
      (r) => r.partner_id,
    );

/** Without a source of candidates (a command layer built for other work), routing finds nobody. */
export const noLeadCandidates: LeadCandidates = async () => [];
