import { CHANNEL_STREAM, channelDecider } from '../../domain/channel/index.js';
import { contentDecider } from '../../domain/content/index.js';
import { claimDecider, dealDecider } from '../../domain/deal/index.js';
import { leadDecider, leadLoadDecider } from '../../domain/lead/index.js';
import { locationsDecider } from '../../domain/location/index.js';
import { ledgerDecider } from '../../domain/points/index.js';
import { fundDecider, fundReservationDecider } from '../../domain/mdf/index.js';
import { partnerDecider } from '../../domain/partner/index.js';
import { planDecider, planReservationDecider } from '../../domain/plan/index.js';
import { emailReservationDecider, personDecider } from '../../domain/person/index.js';
import { externalRefReservationDecider, externalRefsDecider } from '../../domain/externalRef/index.js';
import { programDecider } from '../../domain/program/index.js';
import { oidcClientDecider } from '../../domain/oidcClient/index.js';
import { apiClientDecider } from '../../domain/apiClient/index.js';
import type { DomainEvent } from '../../domain/shared/index.js';
import { webhookDecider } from '../../domain/webhook/index.js';

/** An aggregate auditors can replay: the streams it owns and the decider whose `evolve` folds them. */
export interface ReplayableAggregate {
  readonly name: string;
  /** A stream belongs to the aggregate when its id starts with this (or equals it, for a singleton). */
  readonly streamPrefix: string;
  readonly initialState: unknown;
  readonly evolve: (state: unknown, event: DomainEvent) => unknown;
}

/** Types a decider's `evolve` loosely: time travel feeds it the stream's own (upcast) events. */
export const replayable = <S, E extends DomainEvent>(
  name: string,
  streamPrefix: string,
  decider: { readonly initialState: S; readonly evolve: (state: S, event: E) => S },
): ReplayableAggregate => ({
  name,
  streamPrefix,
  initialState: decider.initialState,
  evolve: decider.evolve as unknown as ReplayableAggregate['evolve'],
});

/**
 * Every aggregate time travel knows, by stream prefix. A new aggregate adds one line here; the same
 * `evolve` as the command side folds its events, so a replayed state is the state commands saw.
 */
export const replayableAggregates: readonly ReplayableAggregate[] = [
  replayable('partner', 'partner-', partnerDecider),
  replayable('person', 'person-', personDecider),
  replayable('email-reservation', 'email-', emailReservationDecider),
  replayable('program', 'program-', programDecider),
  replayable('apiClient', 'apiclient-', apiClientDecider),
  replayable('oidcClient', 'oidcclient-', oidcClientDecider),
  replayable('channel-settings', CHANNEL_STREAM, channelDecider),
  replayable('deal', 'deal-', dealDecider),
  replayable('deal-claim', 'claim-', claimDecider),
  replayable('mdf-fund', 'mdf-', fundDecider),
  replayable('mdf-fund-reservation', 'fund-', fundReservationDecider),
  replayable('points-ledger', 'points-', ledgerDecider),
  replayable('content', 'content-', contentDecider),
  replayable('webhook', 'webhook-', webhookDecider),
  replayable('external-refs', 'extrefs-', externalRefsDecider),
  replayable('external-ref-reservation', 'extref-', externalRefReservationDecider),
  replayable('lead', 'lead-', leadDecider),
  replayable('partner-lead-load', 'leadload-', leadLoadDecider),
  replayable('business-plan', 'plan-', planDecider),
  replayable('business-plan-reservation', 'planperiod-', planReservationDecider),
  replayable('partner-locations', 'locations-', locationsDecider),
];

/** The aggregate owning a stream (longest matching prefix), if any. */
export const aggregateOfStream = (
  streamId: string,
  aggregates: readonly ReplayableAggregate[] = replayableAggregates,
) =>
  aggregates
    .filter((a) => streamId === a.streamPrefix || (a.streamPrefix.endsWith('-') && streamId.startsWith(a.streamPrefix)))
    .sort((a, b) => b.streamPrefix.length - a.streamPrefix.length)[0];
