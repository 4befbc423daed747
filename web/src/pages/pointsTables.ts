import type { Api } from '../api.js';
import type { Points, PointsEntry } from '../types.js';
import { count, day, label } from '../ui/format.js';
import { html, setHtml } from '../ui/html.js';
import { dataTable } from '../ui/table.js';
import { tile, tiles } from '../ui/tiles.js';

/**
 * Points: the balance and its parts, per person (for those who see the whole partner) and the latest
 * ledger entries, redemptions included. A partner's people other than its admins see their own points.
 */
export const pointsSection = async (
  el: HTMLElement,
  api: Api,
  signal: AbortSignal,
  partnerId: string,
  names: ReadonlyMap<string, string>,
) => {
  const p = await api.get<Points>(`/partners/${encodeURIComponent(partnerId)}/points?limit=100`, signal);
  const who = (id: string | null) => (id ? (names.get(id) ?? id) : 'the partner');
  setHtml(
    el,
    html`${tiles([
      tile(
        'points-balance',
        p.scope === 'person' ? 'Your balance' : 'Balance',
        count(p.balance),
        p.scope === 'person' ? 'your points' : `all of the partner's points`,
      ),
      tile('points-earned', 'Earned', count(p.earned), 'wins and certifications'),
      tile('points-redeemed', 'Redeemed', count(p.redeemed), 'for rewards'),
      tile('points-expired', 'Expired', count(p.expired), `adjusted ${count(p.adjusted)}`),
    ])}
    ${p.scope === 'partner' ? html`<h3>Per person</h3><div id="points-people"></div>` : ''}
    <h3>Latest entries</h3><div id="points-ledger"></div>`,
  );
  if (p.scope === 'partner') {
    dataTable(
      el.querySelector('#points-people') as HTMLElement,
      {
        id: 'points-people-table',
        caption: 'Points per person',
        csvName: `points-people-${partnerId}`,
        rowKey: (r) => r.personId,
        sort: { key: 'balance', dir: 'desc' },
        pageSize: 25,
        statePrefix: 'pp.',
        search: { label: 'Search', text: (r) => who(r.personId) },
        columns: [
          { key: 'person', label: 'Person', value: (r) => who(r.personId) },
          { key: 'balance', label: 'Balance', numeric: true, value: (r) => r.balance },
          { key: 'earned', label: 'Earned', numeric: true, value: (r) => r.earned },
          { key: 'redeemed', label: 'Redeemed', numeric: true, value: (r) => r.redeemed },
          { key: 'expired', label: 'Expired', numeric: true, value: (r) => r.expired },
        ],
      },
      p.people,
    );
  }
  dataTable<PointsEntry>(
    el.querySelector('#points-ledger') as HTMLElement,
    {
      id: 'points-ledger-table',
      caption: 'Points ledger',
      csvName: `points-ledger-${partnerId}`,
      rowKey: (e) => String(e.position),
      sort: { key: 'at', dir: 'desc' },
      pageSize: 25,
      statePrefix: 'ledger.',
      search: { label: 'Search', text: (e) => `${who(e.personId)} ${e.reason ?? ''} ${e.rewardId ?? ''}` },
      filters: [
        {
          key: 'kind',
          label: 'Kind',
          options: ['earned', 'redeemed', 'adjusted', 'expired'].map((k) => ({ value: k, label: label(k) })),
          test: (e, v) => e.kind === v,
        },
      ],
      columns: [
        { key: 'at', label: 'When', value: (e) => e.recordedAt, cell: (e) => day(e.recordedAt) },
        { key: 'kind', label: 'Kind', value: (e) => e.kind, cell: (e) => label(e.kind) },
        { key: 'points', label: 'Points', numeric: true, value: (e) => e.points },
        { key: 'person', label: 'Person', value: (e) => who(e.personId) },
        { key: 'reason', label: 'Reason or reward', value: (e) => e.rewardId ?? e.reason, wrap: true },
      ],
      empty: 'No points yet.',
    },
    p.ledger.items,
  );
};
