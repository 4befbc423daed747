import * as E from 'fp-ts/lib/Either.js';
import { isOperating } from '../partner/state.js';
import { domainError, type Decider } from '../shared/index.js';
import { EmployeeLocationNamed, LocationClosed, LocationOpened, type LocationEvent } from './events.js';

interface Location {
  readonly name: string;
  readonly open: boolean;
}
/** One partner's locations (stream `locations-<partnerId>`). */
export interface LocationsState {
  readonly locations: Readonly<Record<string, Location>>;
}

export type LocationCommand =
  | {
      type: 'OpenLocation';
      data: {
        locationId: string;
        name: string;
        country: string;
        city: string;
        primary: boolean;
        partnerStatus: string;
      };
    }
  | { type: 'CloseLocation'; data: { locationId: string; reason?: string } }
  /** `employed`: the person works for the partner now (the handler reads it from the person's stream). */
  | { type: 'NameEmployeeLocation'; data: { personId: string; locationId: string; employed: boolean } };

const evolve = (state: LocationsState, event: LocationEvent): LocationsState => {
  switch (event.type) {
    case 'LocationOpened':
      return { locations: { ...state.locations, [event.data.locationId]: { name: event.data.name, open: true } } };
    case 'LocationClosed': {
      const closing = state.locations[event.data.locationId];
      return closing
        ? { locations: { ...state.locations, [event.data.locationId]: { ...closing, open: false } } }
        : state;
    }
    case 'EmployeeLocationNamed':
      return state;
  }
};

const refuse = (message: string) => E.left(domainError('invalid_state', message));
const missing = () => E.left(domainError('not_found', 'location not found'));

const decide = (command: LocationCommand, state: LocationsState) => {
  switch (command.type) {
    case 'OpenLocation': {
      const { partnerStatus, ...data } = command.data;
      if (partnerStatus === 'none') return E.left(domainError('not_found', 'partner not found'));
      if (!isOperating(partnerStatus)) return refuse(`a partner that is ${partnerStatus} opens no location`);
      const same = Object.values(state.locations).some(
        (l) => l.open && l.name.toLowerCase() === data.name.toLowerCase(),
      );
      if (same) return E.left(domainError('duplicate', `the partner already has an open location named ${data.name}`));
      return E.right([LocationOpened.create(data)]);
    }
    case 'CloseLocation': {
      const location = state.locations[command.data.locationId];
      if (!location) return missing();
      return location.open ? E.right([LocationClosed.create(command.data)]) : refuse('the location is already closed');
    }
    case 'NameEmployeeLocation': {
      const { personId, locationId, employed } = command.data;
      const location = state.locations[locationId];
      if (!location) return missing();
      if (!location.open) return refuse('the location is closed');
      if (!employed) return E.left(domainError('not_found', 'employee not found'));
      return E.right([EmployeeLocationNamed.create({ personId, locationId })]);
    }
  }
};

export const locationsDecider: Decider<LocationCommand, LocationEvent, LocationsState> = {
  initialState: { locations: {} },
  evolve,
  decide,
};
