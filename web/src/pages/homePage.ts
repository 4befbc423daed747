import type { PageContext } from '../app.js';
import type { Content, Partner, Person, ScorecardDetail } from '../types.js';
import { card } from '../ui/card.js';
import { count, day, label, money, pct, plural } from '../ui/format.js';
import { progress } from '../ui/periods.js';
import { tile, tiles } from '../ui/tiles.js';
import { html, setHtml } from '../ui/html.js';
import { section } from '../ui/states.js';
import { dataTable } from '../ui/table.js';
import { dealsSection, expiringSection } from './dealTables.js';
import { fundsSection } from './fundTables.js';
import {
  certificationRows,
  certificationsTable,
  EXPIRING_DAYS,
  loadPeople,
  personCertificationRows,
} from './partnerPeople.js';
import { pointsSection } from './pointsTables.js';
import { readinessTable } from './readinessTable.js';

/**
 * A partner person's home: their partner's readiness, certifications that expire soon (their own; the
 * team's for admins and managers), the content their audience rules give them, their deals and
 * protections, their points and redemptions, and MDF balances for admins. Every call is the API's own
 * visibility: nothing of another partner can reach this page. Leads to accept join once leads exist.
 */
export const homePage = {
  title: 'My partner',
  render: async ({ api, viewer, signal, root }: PageContext) => {
    const employer = viewer.partner;
    if (!employer) {
      setHtml(
        root,
        html`<h1 tabindex="-1">Nothing to show</h1><p>You work for no partner, and hold no vendor role.</p>`,
      );
      return;
    }
    const [partner, me, scorecard] = await Promise.all([
      api.get<Partner>(`/partners/${encodeURIComponent(employer.id)}`, signal),
      api.get<{ profile: Person | null }>('/me', signal),
      api.get<ScorecardDetail>(`/partners/${encodeURIComponent(employer.id)}/scorecard`, signal),
    ]);
    // The server's clock, not the browser's: expiry is "soon" by the instant the figures were read.
    const asOf = scorecard.asOf;
    const pr = progress(scorecard.period, asOf);
    const lead = employer.role === 'admin' || employer.role === 'manager';
    const name = me.profile?.name ?? '';
    const tier = html`<span class="tier">${partner.tier ?? 'no tier'}</span>`;
    const certsCard = card('certs', `Certifications expiring within ${EXPIRING_DAYS} days`);
    setHtml(
      root,
      html`<div class="page-head">
        <h1 tabindex="-1" data-testid="partner-name">${partner.name}</h1>
        <p class="facts">${name} · ${label(employer.role)} · ${tier} partner · ${label(partner.status)}</p>
      </div>
      ${tiles([
        tile(
          'won',
          `Won revenue, ${pr.partial ? `${scorecard.period} to date` : scorecard.period}`,
          money(scorecard.wonRevenue),
          scorecard.quota
            ? `${pct(scorecard.attainmentPct)} of a ${money(scorecard.quota)} quota`
            : 'no quota this quarter',
        ),
        tile(
          'ready',
          'Ready to sell',
          `${count(partner.readyProductLines.length)} of ${count(Object.keys(partner.readiness).length)}`,
          partner.readyProductLines.map(label).join(', ') || 'no product line yet',
        ),
        tile(
          'certified',
          'Certified people',
          count(partner.certifiedPeople),
          `of ${count(partner.employeeCount)} people`,
        ),
      ])}
      <div class="row">${card('readiness', 'Ready to sell')}${certsCard}</div>
      ${card('content', 'Content for you')}
      ${card('my-expiring', 'Protections ending within 30 days')}
      ${card('my-deals', lead ? `${partner.name}'s deal registrations` : 'Your deal registrations')}
      ${card('points', lead && employer.role === 'admin' ? 'Points' : 'Your points')}
      ${employer.role === 'admin' ? card('mdf', 'MDF balances') : ''}`,
    );
    const part = (id: string) => root.querySelector(`#${id}`) as HTMLElement;
    // Admins and managers see their team: its names (points per person) and its certifications.
    const team = lead ? loadPeople(api, employer.id, signal) : undefined;
    team?.catch(() => undefined);
    await Promise.all([
      section(part('readiness'), 'readiness', async () => readinessTable(part('readiness'), partner)),
      section(part('certs'), 'certifications', async () => {
        const all = team
          ? certificationRows((await team).certifications, asOf)
          : me.profile
            ? personCertificationRows(me.profile, asOf)
            : [];
        const rows = all.filter((r) => r.state === 'expiring');
        const who = lead ? 'Your team' : 'You';
        setHtml(
          part('certs'),
          html`<p>${who}: ${plural(rows.length, 'certification')} to renew soon.</p><div id="certs-table"></div>`,
        );
        certificationsTable(
          part('certs').querySelector('#certs-table') as HTMLElement,
          rows,
          'expiring-certifications',
          'expiring-certifications',
        );
      }),
      section(part('content'), 'content', async () => {
        const items = (await api.all<Content>('/content', signal)).items;
        dataTable<Content>(
          part('content'),
          {
            id: 'content',
            caption: 'Content for you',
            csvName: 'content',
            rowKey: (c) => c.id,
            sort: { key: 'published', dir: 'desc' },
            pageSize: 25,
            statePrefix: 'content.',
            search: { label: 'Search', text: (c) => c.title },
            filters: [
              {
                key: 'kind',
                label: 'Kind',
                options: [...new Set(items.map((c) => c.kind))].sort().map((k) => ({ value: k, label: label(k) })),
                test: (c, v) => c.kind === v,
              },
            ],
            columns: [
              {
                key: 'title',
                label: 'Title',
                value: (c) => c.title,
                wrap: true,
                cell: (c) =>
                  /^https?:\/\//.test(c.uri)
                    ? html`<a href="${c.uri}" rel="noopener noreferrer">${c.title}</a>`
                    : c.title,
              },
              { key: 'kind', label: 'Kind', value: (c) => c.kind, cell: (c) => label(c.kind) },
              { key: 'published', label: 'Published', value: (c) => day(c.publishedAt) },
              {
                key: 'until',
                label: 'Visible until',
                value: (c) => c.validUntil ?? null,
                cell: (c) =>
                  c.validUntil
                    ? html`${day(c.validUntil)} <span class="muted small">(while your certification lasts)</span>`
                    : 'no end',
              },
            ],
            empty: 'No content is addressed to you yet.',
          },
          items,
        );
      }),
      section(part('my-expiring'), 'protections', () =>
        expiringSection(part('my-expiring'), api, signal, { now: asOf, id: 'my-expiring-deals', withinDays: 30 }),
      ),
      section(part('my-deals'), 'deal registrations', () =>
        dealsSection(part('my-deals'), api, signal, { now: asOf, id: 'my-deal-list' }),
      ),
      section(part('points'), 'points', async () => {
        const names = new Map(
          team ? (await team.catch(() => ({ employees: [] }))).employees.map((e) => [e.id, e.name]) : [],
        );
        if (me.profile) names.set(me.profile.id, me.profile.name);
        await pointsSection(part('points'), api, signal, employer.id, names);
      }),
      employer.role === 'admin'
        ? section(part('mdf'), 'MDF balances', () => fundsSection(part('mdf'), api, signal, employer.id, false))
        : Promise.resolve(),
    ]);
  },
};
