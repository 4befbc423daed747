import { withQuery } from '../api.js';
import type { PageContext } from '../app.js';
import type { CertifiedTrend, ChannelHealth, RegionHealth, TierSignal, WonRevenue } from '../types.js';
import { card } from '../ui/card.js';
import { html, setHtml } from '../ui/html.js';
import { likeForLike, periodLabel, periodsUpTo, progress } from '../ui/periods.js';
import { onPeriodChange, periodPicker } from '../ui/periodPicker.js';
import { section } from '../ui/states.js';
import { overviewQuadrant } from './overviewQuadrant.js';
import { overviewTiles } from './overviewTiles.js';
import { overviewTrends } from './overviewTrends.js';
import { signalsTable } from './signalsTable.js';

/**
 * The channel overview for vendor staff: KPI tiles for a period (a running one compared like for like),
 * eight periods of trends, the quadrant with a dot per region (or the manager's partners) and their
 * trails, and tier signals. A regional channel manager's tiles and trends are about their partners.
 */
export const overviewPage = {
  title: 'Channel overview',
  render: async ({ api, route, signal, root }: PageContext) => {
    const health = await api.get<ChannelHealth>(
      withQuery('/dashboards/channel-health', { period: route.query.get('period') }),
      signal,
    );
    const period = health.period;
    const pr = progress(period, health.asOf);
    const periods = periodsUpTo(period, 8);
    const lfl = pr.partial && pr.day > 0 ? likeForLike(pr) : undefined;
    // Everything else starts at once: the browser spreads the requests over its connections.
    const history = Promise.all(
      periods.slice(0, -1).map((p) => api.get<ChannelHealth>(`/dashboards/channel-health?period=${p}`, signal)),
    );
    const certified = api.get<CertifiedTrend>(`/dashboards/certified-people?period=${period}&periods=8`, signal);
    const comparison = lfl
      ? api.get<WonRevenue>(withQuery('/dashboards/won-revenue', { from: lfl.from, to: lfl.to }), signal)
      : Promise.resolve(undefined);
    // The regions' trails (vendor-wide viewers), or the even share of the desired count a manager's regions stand for.
    const regions = Promise.all(
      (health.managed ? [period] : periods.slice(-4)).map((p) =>
        api.get<RegionHealth>(`/dashboards/regions?period=${p}`, signal),
      ),
    );
    const signals = api.get<{ items: TierSignal[]; nextCursor: string | null }>(
      `/dashboards/tier-signals?period=${period}&limit=200`,
      signal,
    );
    for (const p of [history, certified, comparison, regions, signals]) p.catch(() => undefined);
    const scope = health.managed ? 'your partners' : 'the channel';
    setHtml(
      root,
      html`<div class="page-head">
        <h1 tabindex="-1">Channel overview</h1>
        <p class="muted" data-testid="period-label">${periodLabel(pr)} · ${scope}</p>
        ${periodPicker('overview-period', period, health.asOf)}
      </div>
      <div id="kpis"></div>
      ${card('trends', html`Trends over eight quarters <small>${scope}</small>`)}
      <div class="row">
        ${card('quadrant', 'Channel quadrant', { className: 'quadrant-card', testId: 'quadrant' })}
        ${card('signals', 'Tier signals', { className: 'signals-card', testId: 'signals' })}
      </div>`,
    );
    onPeriodChange(root);
    const part = (id: string) => root.querySelector(`#${id}`) as HTMLElement;
    await Promise.all([
      section(part('kpis'), 'the KPIs', async () =>
        setHtml(
          part('kpis'),
          overviewTiles({ health, progress: pr, certified: await certified, comparison: await comparison, lfl }),
        ),
      ),
      section(part('trends'), 'the trends', async () =>
        overviewTrends(part('trends'), [...(await history), health], await certified, health),
      ),
      section(part('quadrant'), 'the quadrant', async () =>
        overviewQuadrant(part('quadrant'), {
          series: [...(await history), health].slice(-4),
          regions: await regions,
          asOf: health.asOf,
        }),
      ),
      section(part('signals'), 'tier signals', async () => signalsTable(part('signals'), await signals, period)),
    ]);
  },
};
