import type { FastifyInstance } from 'fastify';
import { commandRoute, type CommandKit } from '../../http/commandRoute.js';
import type { LocationCommands } from './locationCommands.js';
import * as S from './locationSchemas.js';

/** A partner's locations over HTTP. */
export const locationCommandRoutes = (app: FastifyInstance, kit: CommandKit, locations: LocationCommands) => {
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/locations',
      created: true,
      tags: ['partners'],
      params: S.LocationPartnerParams,
      body: S.OpenLocationBody,
      summary: 'Open a location of the partner (a primary one demotes the previous primary)',
    },
    ({ params, body, principal, ctx }) => locations.open(ctx, principal, { partnerId: params.id, ...body }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/locations/:locationId/close',
      tags: ['partners'],
      params: S.LocationParams,
      body: S.CloseLocationBody,
      summary: 'Close a location',
    },
    ({ params, body, principal, ctx }) =>
      locations.close(ctx, principal, { partnerId: params.id, locationId: params.locationId, ...body }),
  );
  commandRoute(
    app,
    kit,
    {
      method: 'POST',
      url: '/partners/:id/employees/:personId/location',
      tags: ['partners'],
      params: S.EmployeeParams,
      body: S.NameLocationBody,
      summary: 'Name the location an employee works at (the person themselves, the partner admin, channel staff)',
    },
    ({ params, body, principal, ctx }) =>
      locations.nameEmployeeLocation(ctx, principal, { partnerId: params.id, personId: params.personId, ...body }),
  );
};
