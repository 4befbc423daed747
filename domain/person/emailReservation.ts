import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider, type DomainEvent } from '../shared/index.js';
import { EmailReserved } from './events.js';

type ReservationEvent = DomainEvent<'EmailReserved', { personId: string; email: string }>;
type ReserveEmail = { type: 'ReserveEmail'; data: { personId: string; email: string } };

/** One stream per lower-cased address: appending with an expected version makes emails unique. */
export const emailReservationDecider: Decider<ReserveEmail, ReservationEvent, { reservedBy?: string }> = {
  initialState: {},
  evolve: (_state, event) => ({ reservedBy: event.data.personId }),
  decide: (command, state) =>
    state.reservedBy
      ? E.left(
          domainError('duplicate', 'a person with this email is already registered', {
            errors: [{ path: 'email', message: 'already registered' }],
          }),
        )
      : E.right([EmailReserved.create(command.data)]),
};
