import type { TestApp } from '../support/testApp.js';
import {
  activePartner,
  applyPartner,
  defineProgram,
  employee,
  expectStatus,
  partnerBody,
  registerPerson,
} from './fixtures.js';

/** One command route of the foundation with a body it would accept, aimed at real targets. */
export interface CommandCase {
  readonly method: 'POST' | 'PUT';
  readonly route: string;
  readonly url: string;
  readonly body: Readonly<Record<string, unknown>>;
  /** The route with a malformed id in one path parameter, and where the error must point. */
  readonly badUrls: readonly (readonly [url: string, path: string])[];
}

/** Malformed ids for a path parameter of the given prefix. */
const badIds = (prefix: string, wrongPrefixId: string) => [
  'nope',
  `${prefix}_abc`,
  `${prefix}_${'a'.repeat(41)}`,
  `${prefix}_abc%24%25%5E%26*()`,
  wrongPrefixId,
  `${prefix.toUpperCase()}_abcdefgh`,
];

/** Every command route of the foundation slice (README's command table), ready to be sent. */
export const commandCatalog = async (t: TestApp): Promise<CommandCase[]> => {
  const partner = await activePartner(t);
  const applicant = await applyPartner(t);
  const person = await registerPerson(t);
  const worker = await employee(t, partner, 'sales');
  const program = await defineProgram(t);
  expectStatus(await t.post(`/people/${worker.id}/certifications`, { programId: program }), 200);

  const cases: CommandCase[] = [];
  const add = (
    method: 'POST' | 'PUT',
    route: string,
    params: Record<string, [string, string]>,
    body: Record<string, unknown>,
  ) => {
    const fill = (overrides: Record<string, string> = {}) =>
      route.replace(/:(\w+)/g, (_m, name: string) => overrides[name] ?? params[name][0]);
    const badUrls = Object.entries(params).flatMap(([name, [, prefix]]) =>
      badIds(prefix, prefix === 'per' ? partner : person).map(
        (id) => [fill({ [name]: id }), `params.${name}`] as const,
      ),
    );
    cases.push({ method, route, url: fill(), body, badUrls });
  };
  const ofPartner = { id: [partner, 'ptr'] } as Record<string, [string, string]>;
  const ofApplicant = { id: [applicant, 'ptr'] } as Record<string, [string, string]>;
  const ofPerson = { id: [person, 'per'] } as Record<string, [string, string]>;
  const ofWorker = { id: [worker.id, 'per'] } as Record<string, [string, string]>;
  const ofEmployee = { id: [partner, 'ptr'], personId: [worker.id, 'per'] } as Record<string, [string, string]>;
  const ofCertification = { id: [worker.id, 'per'], programId: [program, 'prg'] } as Record<string, [string, string]>;

  add('POST', '/partners', {}, partnerBody());
  add('POST', '/partners/:id/approve', ofApplicant, { tier: 'gold' });
  add('POST', '/partners/:id/reject', ofApplicant, { reason: 'no coverage' });
  add('POST', '/partners/:id/agreements', ofPartner, { agreementVersion: '2027.1', signedBy: 'Jane Doe' });
  add('POST', '/partners/:id/tier', ofPartner, { tier: 'gold', reason: 'growth' });
  add('POST', '/partners/:id/region', ofPartner, { region: 'apac' });
  add('POST', '/partners/:id/channel-manager', ofPartner, { personId: person });
  add('POST', '/partners/:id/quotas', ofPartner, {
    period: '2026-Q3',
    amount: { amountMinor: 100_000, currency: 'EUR' },
  });
  add('POST', '/partners/:id/suspend', ofPartner, { reason: 'audit' });
  add('POST', '/partners/:id/reinstate', ofPartner, {});
  add('POST', '/partners/:id/terminate', ofPartner, { reason: 'ended' });
  add('POST', '/people', {}, { name: 'Ann Admin', email: 'ann@acme.example' });
  add('POST', '/people/:id/vendor-roles', ofPerson, { role: 'channel_manager', regions: ['emea'] });
  add('POST', '/people/:id/vendor-roles/auditor/revoke', ofPerson, {});
  add('POST', '/partners/:id/employees', ofPartner, { personId: person, role: 'sales' });
  add('POST', '/partners/:id/employees/:personId/role', ofEmployee, { role: 'admin' });
  add('POST', '/partners/:id/employees/:personId/leave', ofEmployee, { reason: 'moved on' });
  add('POST', '/programs', {}, { name: 'Compute Pro', productLine: 'compute', validForDays: 365, points: 50 });
  add('POST', '/programs/:id/retire', { id: [program, 'prg'] }, {});
  add('POST', '/people/:id/certifications', ofWorker, { programId: program, earnedAt: '2026-05-01T00:00:00Z' });
  add('POST', '/people/:id/certifications/:programId/renew', ofCertification, {});
  add('POST', '/people/:id/certifications/:programId/revoke', ofCertification, { reason: 'fraud' });
  add('PUT', '/channel/settings', {}, { dealProtectionDays: 30, productLines: ['storage', 'compute'] });
  return cases;
};
