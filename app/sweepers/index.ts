import { dealCommands } from '../../commands/deal/dealCommands.js';
import { expireLapsedDeals } from '../../commands/deal/expireLapsedDeals.js';
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

/** Every sweeper the server runs each `PRM_SWEEP_SECONDS` (add new ones here). */
export const serverSweepers = (platform: AppPlatform): Sweeper[] => [
  dealExpirySweeper(platform),
  pointsExpirySweeper(platform),
];
