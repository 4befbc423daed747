import { apiClientEvents } from './apiClient/index.js';
import { channelEvents } from './channel/index.js';
import { contentEvents } from './content/index.js';
import { dealClaimEvents, dealEvents } from './deal/index.js';
import { leadEvents, leadLoadEvents } from './lead/index.js';
import { locationEvents } from './location/index.js';
import { oidcClientEvents } from './oidcClient/index.js';
import { pointsEvents } from './points/index.js';
import { fundReservationEvents, mdfEvents } from './mdf/index.js';
import { partnerEvents } from './partner/index.js';
import { externalRefEvents, externalRefReservationEvents } from './externalRef/index.js';
import { planEvents, planReservationEvents } from './plan/index.js';
import { emailReservationEvents, personEvents } from './person/index.js';
import { programEvents } from './program/index.js';
import { webhookEvents } from './webhook/index.js';
import type { EventDefinition, EventOf } from './shared/index.js';

export * as access from './access/index.js';
export * as apiClient from './apiClient/index.js';
export * as channel from './channel/index.js';
export * as content from './content/index.js';
export * as deal from './deal/index.js';
export * as externalRef from './externalRef/index.js';
export * as lead from './lead/index.js';
export * as location from './location/index.js';
export * as points from './points/index.js';
export * as mdf from './mdf/index.js';
export * as oidcClient from './oidcClient/index.js';
export * as partner from './partner/index.js';
export * as plan from './plan/index.js';
export * as person from './person/index.js';
export * as program from './program/index.js';
export * as webhook from './webhook/index.js';
export * from './shared/index.js';

const definitions = [
  ...partnerEvents,
  ...personEvents,
  ...emailReservationEvents,
  ...programEvents,
  ...channelEvents,
  ...mdfEvents,
  ...fundReservationEvents,
  ...pointsEvents,
  ...dealEvents,
  ...dealClaimEvents,
  ...contentEvents,
  ...webhookEvents,
  ...externalRefEvents,
  ...externalRefReservationEvents,
  ...leadEvents,
  ...leadLoadEvents,
  ...planEvents,
  ...planReservationEvents,
  ...locationEvents,
  ...apiClientEvents,
  ...oidcClientEvents,
] as const;

/** Every event type the log may hold, for validation on append and for upcasting on read. */
export const eventDefinitions: readonly EventDefinition[] = definitions;

/** Every event the log may hold, as readers see it (upcast to its type's current schema). */
export type LogEvent = EventOf<typeof definitions>;
export type LogEventType = LogEvent['type'];
/** The body of one event type. */
export type LogEventData<T extends LogEventType> = Extract<LogEvent, { type: T }>['data'];
