import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider, type DomainEvent } from '../shared/index.js';
import { MdfFundReserved } from './events.js';

type Reservation = { fundId: string; partnerId: string; period: string };
type ReservationEvent = DomainEvent<'MdfFundReserved', Reservation>;
type ReserveFund = { type: 'ReserveFund'; data: Reservation };

/** One stream per (partner, period): appending with an expected version makes funds unique per pair. */
export const fundReservationDecider: Decider<ReserveFund, ReservationEvent, { fundId?: string }> = {
  initialState: {},
  evolve: (_state, event) => ({ fundId: event.data.fundId }),
  decide: (command, state) =>
    state.fundId
      ? E.left(
          domainError('duplicate', `the partner already has fund ${state.fundId} for ${command.data.period}`, {
            details: { fundId: state.fundId },
          }),
        )
      : E.right([MdfFundReserved.create(command.data)]),
};
