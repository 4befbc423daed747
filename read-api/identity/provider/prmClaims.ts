import type { Principal } from '../../../domain/access/index.js';
import type { SqlDb } from '../../../infra/sql/sqlDb.js';
import { readChannelSettings } from '../../channel/readChannelSettings.js';
import { certifiedByLine } from '../../partner/partnerView.js';

/** The claims of the `prm` scope, by name: what a partner app learns about the person. */
export const PRM_CLAIMS = [
  'partner_id',
  'partner_name',
  'partner_tier',
  'employee_role',
  'vendor_roles',
  'ready_product_lines',
  'certifications',
] as const;

/**
 * May this person use partner apps now? Vendor staff, and people of an active partner: someone who left,
 * or whose partner is suspended or terminated, may not (and their refresh tokens stop working).
 */
export const mayUsePartnerApps = (p: Principal): boolean =>
  p.kind === 'person' && (p.vendorRoles.length > 0 || p.employer?.status === 'active');

/** The person's claims from the read models now: identity, partner, roles, readiness, valid certifications. */
export const claimsOf = async (reader: SqlDb, p: Principal & { kind: 'person' }, now: Date) => {
  const person = await reader.get<{ name: string; email: string }>(
    'SELECT name, email FROM people WHERE person_id = ?',
    [p.personId],
  );
  const employer = p.employer;
  const partner = employer
    ? await reader.get<{ name: string }>('SELECT name FROM partners WHERE partner_id = ?', [employer.partnerId])
    : undefined;
  const [settings, certified] = employer
    ? await Promise.all([readChannelSettings(reader), certifiedByLine(reader, [employer.partnerId], now)])
    : [undefined, undefined];
  const lines = certified?.byPartner.get(employer?.partnerId ?? '')?.lines;
  const certifications = await reader.all<{ program_id: string; product_line: string; expires_at: string }>(
    'SELECT program_id, product_line, expires_at FROM certifications ' +
      'WHERE person_id = ? AND revoked_at IS NULL AND expires_at > ? ORDER BY program_id',
    [p.personId, now.toISOString()],
  );
  return {
    sub: p.personId,
    name: person?.name,
    email: person?.email,
    // The address was proven by the one-time link the person signed in with.
    email_verified: true,
    partner_id: employer?.partnerId ?? null,
    partner_name: partner?.name ?? null,
    partner_tier: employer?.tier ?? null,
    employee_role: employer?.role ?? null,
    vendor_roles: p.vendorRoles.map((g) => g.role),
    ready_product_lines: settings
      ? settings.productLines.filter((line) => (lines?.get(line) ?? 0) >= settings.minCertifiedForReady)
      : [],
    certifications: certifications.map((c) => ({
      program_id: c.program_id,
      product_line: c.product_line,
      expires_at: c.expires_at,
    })),
  };
};
