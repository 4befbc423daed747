import { dealCommands } from '../../commands/deal/dealCommands.js';
import { expireLapsedDeals } from '../../commands/deal/expireLapsedDeals.js';
import { readModelLeadCandidates } from '../../commands/lead/leadCandidates.js';
import { leadCommands } from '../../commands/lead/leadCommands.js';
import { lapseOverdueLeads } from '../../commands/lead/lapseOverdueLeads.js';
import { expirePoints } from '../../commands/points/pointsExpirySweeper.js';
import type { AppPlatform } from '../platform.js';
import type { Sweeper } from './sweeper.js';

export * from './sweepCommand.js';
export * from './sweepRunner.js';
export * from './sweeper.js';

/** Deal protection that lapsed becomes DealExpired, and the customer's claim is released. */
export const dealExpirySweeper = (platform: AppPlatform): Sweeper => ({
  name: 'deal-expiry',
  sweep: expireLapsedDeals({
    deals: dealCommands({ pipeline: platform.pipeline, ids: platform.ids }),
    store: platform.store,
    reader: platform.reader,
    ids: platform.ids,
    onError: (dealId, error) => console.error(`deal-expiry: ${dealId}:`, error),
  }),
});

/** Points older than the channel's pointsExpiryMonths expire, oldest first, on every partner ledger. */
export const pointsExpirySweeper = (platform: AppPlatform): Sweeper => ({
  name: 'points-expiry',
  sweep: expirePoints({
    store: platform.store,
    pipeline: platform.pipeline,
    reader: platform.reader,
    ids: platform.ids,
    onError: (partnerId, error) => console.error(`points-expiry: ${partnerId}:`, error),
  }),
});

/** Leads nobody accepted within leadAcceptHours lapse (once), and are routed on when autoRouteLapsedLeads. */
export const leadAcceptanceSweeper = (platform: AppPlatform): Sweeper => {
  const { pipeline, ids } = platform;
  const deals = dealCommands({ pipeline, ids });
  return {
    name: 'lead-acceptance',
    sweep: lapseOverdueLeads({
      leads: leadCommands({ pipeline, ids, deals, candidates: readModelLeadCandidates(platform.reader) }),
      store: platform.store,
      reader: platform.reader,
      ids,
      onError: (leadId, error) => console.error(`lead-acceptance: ${leadId}:`, error),
    }),
  };
};

/** Every sweeper the server runs each `PRM_SWEEP_SECONDS` (add new ones here). */
export const serverSweepers = (platform: AppPlatform): Sweeper[] => [
  dealExpirySweeper(platform),
  pointsExpirySweeper(platform),
  leadAcceptanceSweeper(platform),
];
