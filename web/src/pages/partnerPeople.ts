import type { Api } from '../api.js';
import type { Employee, PartnerCertification, Person } from '../types.js';
import { count, day, daysUntil, label } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';

/** Days ahead in which an expiring certification is flagged. */
export const EXPIRING_DAYS = 60;

interface CertRow {
  readonly key: string;
  readonly person: string;
  readonly personId: string;
  readonly program: string;
  readonly productLine: string;
  readonly earnedAt: string;
  readonly expiresAt: string;
  readonly state: 'valid' | 'expiring' | 'expired' | 'revoked';
  readonly daysLeft: number;
}

const stateOf = (c: { revokedAt: string | null; valid: boolean; expiresAt: string }, now: string): CertRow['state'] =>
  c.revokedAt ? 'revoked' : !c.valid ? 'expired' : daysUntil(c.expiresAt, now) <= EXPIRING_DAYS ? 'expiring' : 'valid';

/** Rows from a partner's certification list. */
export const certificationRows = (list: readonly PartnerCertification[], now: string): CertRow[] =>
  list.map((c) => ({
    key: `${c.personId}:${c.programId}`,
    person: c.personName,
    personId: c.personId,
    program: c.programName ?? c.programId,
    productLine: c.productLine,
    earnedAt: c.earnedAt,
    expiresAt: c.expiresAt,
    state: stateOf(c, now),
    daysLeft: daysUntil(c.expiresAt, now),
  }));

/** Rows of one person's own certifications (`GET /me`). */
export const personCertificationRows = (p: Person, now: string): CertRow[] =>
  certificationRows(
    p.certifications.map((c) => ({ ...c, personId: p.id, personName: p.name })),
    now,
  );

const stateText = (r: CertRow) =>
  r.state === 'expiring'
    ? `in ${r.daysLeft} day${r.daysLeft === 1 ? '' : 's'}`
    : r.state === 'expired'
      ? 'expired'
      : r.state === 'revoked'
        ? 'revoked'
        : 'valid';

/** The certifications table: soonest expiry first, filter by state and product line. */
export const certificationsTable = (el: HTMLElement, rows: readonly CertRow[], id: string, csvName: string) =>
  dataTable<CertRow>(
    el,
    {
      id,
      caption: 'Certifications',
      csvName,
      rowKey: (r) => r.key,
      sort: { key: 'expires', dir: 'asc' },
      pageSize: 50,
      statePrefix: `${id}.`,
      search: { label: 'Search', text: (r) => `${r.person} ${r.program}` },
      filters: [
        {
          key: 'state',
          label: 'State',
          options: [
            { value: 'valid', label: 'Valid' },
            { value: 'expiring', label: `Expiring within ${EXPIRING_DAYS} days` },
            { value: 'expired', label: 'Expired' },
            { value: 'revoked', label: 'Revoked' },
          ],
          test: (r, v) => r.state === v,
        },
        {
          key: 'line',
          label: 'Product line',
          options: [...new Set(rows.map((r) => r.productLine))].sort().map((l) => ({ value: l, label: label(l) })),
          test: (r, v) => r.productLine === v,
        },
      ],
      columns: [
        { key: 'person', label: 'Person', value: (r) => r.person },
        { key: 'program', label: 'Program', value: (r) => r.program, wrap: true },
        { key: 'line', label: 'Product line', value: (r) => r.productLine, cell: (r) => label(r.productLine) },
        { key: 'earned', label: 'Earned', value: (r) => day(r.earnedAt) },
        { key: 'expires', label: 'Expires', value: (r) => day(r.expiresAt) },
        {
          key: 'state',
          label: 'State',
          value: (r) => r.state,
          wrap: true,
          cell: (r) => html`<span class="state ${r.state}">${stateText(r)}</span>`,
        },
      ],
    },
    rows,
  );

/** Every current employee, and the certifications they hold. */
export const loadPeople = async (api: Api, partnerId: string, signal: AbortSignal) => {
  const id = encodeURIComponent(partnerId);
  const [employees, certifications] = await Promise.all([
    api.all<Employee>(`/partners/${id}/employees`, signal),
    api.get<{ items: PartnerCertification[] }>(`/partners/${id}/certifications`, signal),
  ]);
  return { employees: employees.items, certifications: certifications.items };
};

/** People and certifications of a partner, with expiry. */
export const partnerPeople = (
  el: HTMLElement,
  employees: readonly Employee[],
  certifications: readonly PartnerCertification[],
  now: string,
  partnerId: string,
) => {
  const certs = certificationRows(certifications, now);
  const expiring = certs.filter((c) => c.state === 'expiring').length;
  const current = certs.filter((c) => c.state !== 'expired' && c.state !== 'revoked').length;
  setHtml(
    el,
    html`<p>${count(employees.length)} people; ${count(current)} valid certifications,
      <strong>${count(expiring)} expiring within ${EXPIRING_DAYS} days</strong>.</p>
    <h3>People</h3><div id="people-table"></div><h3>Certifications</h3><div id="certs-table"></div>`,
  );
  const validOf = new Map<string, PartnerCertification[]>();
  for (const c of certifications) if (c.valid) validOf.set(c.personId, [...(validOf.get(c.personId) ?? []), c]);
  const valid = (e: Employee) => validOf.get(e.id) ?? [];
  dataTable<Employee>(
    el.querySelector('#people-table') as HTMLElement,
    {
      id: 'people',
      caption: 'People',
      csvName: `people-${partnerId}`,
      rowKey: (e) => e.id,
      sort: { key: 'name', dir: 'asc' },
      pageSize: 50,
      statePrefix: 'people.',
      search: { label: 'Search', text: (e) => `${e.name} ${e.email}` },
      filters: [
        {
          key: 'role',
          label: 'Role',
          options: [...new Set(employees.map((e) => e.role))].sort().map((r) => ({ value: r, label: label(r) })),
          test: (e, v) => e.role === v,
        },
      ],
      columns: [
        { key: 'name', label: 'Name', value: (e) => e.name },
        { key: 'email', label: 'Email', value: (e) => e.email },
        { key: 'role', label: 'Role', value: (e) => e.role, cell: (e) => label(e.role) },
        { key: 'joined', label: 'Joined', value: (e) => day(e.joinedAt) },
        { key: 'valid', label: 'Valid certifications', numeric: true, value: (e) => valid(e).length },
        {
          key: 'next',
          label: 'Next expiry',
          value: (e) =>
            valid(e)
              .map((c) => c.expiresAt)
              .sort()[0]
              ?.slice(0, 10) ?? null,
          cell: (e) =>
            valid(e)
              .map((c) => c.expiresAt)
              .sort()[0]
              ?.slice(0, 10) ?? '–',
        },
      ],
    },
    employees,
  );
  certificationsTable(
    el.querySelector('#certs-table') as HTMLElement,
    certs,
    'certifications',
    `certifications-${partnerId}`,
  );
};
