import { pointsForWonAmount } from '../../domain/points/index.js';
import type { Money } from '../../domain/shared/index.js';
import { awardPoints } from './awardPoints.js';
import type { Policy } from './policy.js';
import { channelSettingsBefore, eventsUpTo } from './sourceFacts.js';

const NAME = 'points-for-won-deals';

interface Registration {
  dealId?: string;
  partnerId: string;
  registeredBy?: string;
}

/**
 * DealWon -> PointsEarned: `pointsPerWonAmountUnit` (as set when the deal was won) per whole currency
 * unit of the won amount, to the partner that registered the deal, attributed to the person who
 * registered it. The registration is read from the deal's own stream (no dependency on the deal decider).
 */
export const dealWonPointsPolicy: Policy = {
  name: NAME,
  eventTypes: ['DealWon'],
  handle: async (event, deps) => {
    const history = await eventsUpTo(deps.store, event.streamId, event.version);
    const registration = history.find((e) => e.type === 'DealRegistered')?.data as Registration | undefined;
    if (!registration) throw new Error(`${NAME}: ${event.streamId} has no DealRegistered before ${event.eventId}`);
    const { amount } = event.data as { amount: Money };
    const settings = await channelSettingsBefore(deps.store, event.position);
    const dealId = registration.dealId ?? event.streamId.slice(event.streamId.indexOf('-') + 1);
    await awardPoints(deps, NAME, event, {
      partnerId: registration.partnerId,
      ...(registration.registeredBy ? { personId: registration.registeredBy } : {}),
      points: pointsForWonAmount(amount, settings.pointsPerWonAmountUnit),
      reason: `deal ${dealId} won (${amount.amountMinor} ${amount.currency} in minor units)`,
    });
  },
};
