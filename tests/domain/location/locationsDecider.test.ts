/** A partner's locations (DESIGN §13), given / when / then. */
import { suite } from 'uvu';
import {
  EmployeeLocationNamed,
  LocationClosed,
  LocationOpened,
  locationsDecider,
} from '../../../domain/location/index.js';
import { spec } from '../../support/deciderSpec.js';

const test = suite('locations decider');
const locations = spec(locationsDecider);
const hq = 'loc_headoffice01';
const personId = 'per_employee0001';
const opened = LocationOpened.create({
  locationId: hq,
  name: 'Head office',
  country: 'DE',
  city: 'Berlin',
  primary: true,
});
const open = (name: string, partnerStatus = 'active') => ({
  type: 'OpenLocation' as const,
  data: { locationId: 'loc_depot0000001', name, country: 'DE', city: 'Hamburg', primary: false, partnerStatus },
});

test('OpenLocation for an operating partner; a second open location of the same name is a duplicate', () => {
  locations
    .given([opened])
    .when(open('Depot'))
    .thenEmits([
      LocationOpened.create({
        locationId: 'loc_depot0000001',
        name: 'Depot',
        country: 'DE',
        city: 'Hamburg',
        primary: false,
      }),
    ]);
  locations.given([opened]).when(open('HEAD OFFICE')).thenFails('duplicate');
  locations
    .given([opened, LocationClosed.create({ locationId: hq })])
    .when(open('Head office'))
    .thenEmits([
      LocationOpened.create({
        locationId: 'loc_depot0000001',
        name: 'Head office',
        country: 'DE',
        city: 'Hamburg',
        primary: false,
      }),
    ]);
  locations.given([]).when(open('Depot', 'terminated')).thenFails('invalid_state');
  locations.given([]).when(open('Depot', 'none')).thenFails('not_found');
});

test('CloseLocation once; an unknown location is not found', () => {
  locations
    .given([opened])
    .when({ type: 'CloseLocation', data: { locationId: hq, reason: 'moved' } })
    .thenEmits([LocationClosed.create({ locationId: hq, reason: 'moved' })]);
  locations
    .given([opened, LocationClosed.create({ locationId: hq })])
    .when({ type: 'CloseLocation', data: { locationId: hq } })
    .thenFails('invalid_state');
  locations
    .given([])
    .when({ type: 'CloseLocation', data: { locationId: hq } })
    .thenFails('not_found');
});

test('NameEmployeeLocation: a current employee, an open location', () => {
  const name = (employed = true) => ({
    type: 'NameEmployeeLocation' as const,
    data: { personId, locationId: hq, employed },
  });
  locations
    .given([opened])
    .when(name())
    .thenEmits([EmployeeLocationNamed.create({ personId, locationId: hq })]);
  locations.given([opened]).when(name(false)).thenFails('not_found');
  locations
    .given([opened, LocationClosed.create({ locationId: hq })])
    .when(name())
    .thenFails('invalid_state');
  locations.given([]).when(name()).thenFails('not_found');
});

test.run();
