import { CHANNEL_STREAM } from '../../domain/channel/index.js';
import { claimStream, dealStream } from '../../domain/deal/index.js';
import { pointsStream } from '../../domain/points/index.js';
import { leadStream } from '../../domain/lead/index.js';
import { locationsStream } from '../../domain/location/index.js';
import { planReservationStream, planStream } from '../../domain/plan/index.js';
import { fundReservationStream, fundStream } from '../../domain/mdf/index.js';
import { partnerStream } from '../../domain/partner/index.js';
import { emailStream, personStream } from '../../domain/person/index.js';
import { programStream } from '../../domain/program/index.js';

/** Stream ids a seed task reads or writes (the schedule orders tasks by them). */
export const streams = {
  channel: CHANNEL_STREAM,
  partner: partnerStream,
  person: personStream,
  email: emailStream,
  program: programStream,
  deal: dealStream,
  claim: (key: string) => {
    const [domain, line] = key.split(':');
    return claimStream(domain, line);
  },
  fund: fundStream,
  fundReservation: fundReservationStream,
  points: pointsStream,
  lead: leadStream,
  locations: locationsStream,
  plan: planStream,
  planReservation: planReservationStream,
};
