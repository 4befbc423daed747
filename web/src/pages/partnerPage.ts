import { withQuery } from '../api.js';
import type { PageContext } from '../app.js';
import { href } from '../router.js';
import type { Partner, ScorecardDetail, WonRevenue } from '../types.js';
import { card } from '../ui/card.js';
import { label, regionName } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { likeForLike, periodLabel, progress } from '../ui/periods.js';
import { onPeriodChange, periodPicker } from '../ui/periodPicker.js';
import { section } from '../ui/states.js';
import { dealsSection, expiringSection } from './dealTables.js';
import { fundsSection } from './fundTables.js';
import { loadPeople, partnerPeople } from './partnerPeople.js';
import { pointsSection } from './pointsTables.js';
import { readinessTable } from './readinessTable.js';
import { scorecardSection } from './scorecardSection.js';

/**
 * One partner: its scorecard for a period with the eight-period trend, readiness per product line,
 * people and certifications with expiry, deal registrations and protections ending soon, MDF funds and
 * claims, points. Every part loads (and may fail) on its own. Business plans join once they exist.
 */
export const partnerPage = {
  title: 'Partner',
  render: async ({ api, route, signal, root }: PageContext) => {
    const id = route.segments[1];
    const period = route.query.get('period') ?? undefined;
    const [partner, scorecard] = await Promise.all([
      api.get<Partner>(`/partners/${encodeURIComponent(id)}`, signal),
      api.get<ScorecardDetail>(withQuery(`/partners/${encodeURIComponent(id)}/scorecard`, { period }), signal),
    ]);
    const now = scorecard.asOf;
    const pr = progress(scorecard.period, now);
    document.title = `${partner.name} · PRM channel console`;
    const tier = html`<span class="tier">${partner.tier ?? 'no tier'}</span>`;
    const facts = [label(partner.status), regionName(partner.region), label(partner.type), partner.country].join(' · ');
    const parent = partner.parentPartnerId;
    const distributor = parent
      ? html` · buys through <a href="${href(`/partners/${parent}`)}" id="parent-link">its distributor</a>`
      : '';
    const site = partner.website;
    const website = /^https?:\/\//.test(site)
      ? html` · <a href="${site}" rel="noopener noreferrer">${site.replace(/^https?:\/\//, '')}</a>`
      : '';
    const expiringCard = card('expiring', 'Protections ending within 30 days');
    setHtml(
      root,
      html`<div class="page-head">
        <p class="crumbs"><a href="${href('/partners', { period: scorecard.period })}">Partners</a> /</p>
        <h1 tabindex="-1" data-testid="partner-name">${partner.name}</h1>
        <p class="facts">${tier} · ${facts}
          ${distributor}
          ${website}</p>
        <p class="muted">${periodLabel(pr)}</p>
        ${periodPicker('partner-period', scorecard.period, now)}
      </div>
      ${card('scorecard', 'Scorecard')}
      <div class="row">${card('readiness', 'Ready to sell')}${expiringCard}</div>
      ${card('people', 'People and certifications')}
      ${card('deals', 'Deal registrations')}
      ${card('mdf', 'MDF funds and claims')}
      ${card('points', 'Points')}`,
    );
    onPeriodChange(root);
    const part = (name: string) => root.querySelector(`#${name}`) as HTMLElement;
    let names = new Map<string, string>();
    const people = loadPeople(api, id, signal);
    await Promise.all([
      section(part('scorecard'), 'the scorecard', async () => {
        const lfl = pr.partial && pr.day > 0 ? likeForLike(pr) : undefined;
        const comparison = lfl
          ? await api.get<WonRevenue>(
              withQuery('/dashboards/won-revenue', { from: lfl.from, to: lfl.to, partnerId: id }),
              signal,
            )
          : undefined;
        scorecardSection(part('scorecard'), scorecard, pr, lfl && comparison ? { ...lfl, won: comparison } : undefined);
      }),
      section(part('readiness'), 'readiness', async () => readinessTable(part('readiness'), partner)),
      section(part('expiring'), 'protections', () =>
        expiringSection(part('expiring'), api, signal, { partnerId: id, now, id: 'expiring-deals', withinDays: 30 }),
      ),
      section(part('people'), 'people', async () => {
        const { employees, certifications } = await people;
        names = new Map(employees.map((e) => [e.id, e.name]));
        partnerPeople(part('people'), employees, certifications, now, id);
      }),
      section(part('deals'), 'deal registrations', () =>
        dealsSection(part('deals'), api, signal, { partnerId: id, now, id: 'deals' }),
      ),
      section(part('mdf'), 'MDF funds', () => fundsSection(part('mdf'), api, signal, id, true)),
      section(part('points'), 'points', async () => {
        await people.catch(() => undefined);
        await pointsSection(part('points'), api, signal, id, names);
      }),
    ]);
  },
};
