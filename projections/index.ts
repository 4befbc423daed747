import { accessProjection } from './access/accessProjection.js';
import { apiClientsProjection } from './apiClient/apiClientsProjection.js';
import { oidcClientsProjection } from './oidcClient/oidcClientsProjection.js';
import { channelSettingsProjection } from './channel/channelSettingsProjection.js';
import { dealsProjection } from './deal/dealsProjection.js';
import { externalRefsProjection } from './externalRef/externalRefsProjection.js';
import { leadsProjection } from './lead/leadsProjection.js';
import { mdfProjection } from './mdf/mdfProjection.js';
import { partnersProjection } from './partner/partnersProjection.js';
import { peopleProjection } from './person/peopleProjection.js';
import { plansProjection } from './plan/plansProjection.js';
import { pointsProjection } from './points/pointsProjection.js';
import type { Projection } from './runner/projection.js';
import { scorecardsProjection } from './scorecard/scorecardsProjection.js';
import { webhooksProjection } from './webhook/webhooksProjection.js';

export { loadPrincipal } from './access/loadPrincipal.js';
export { loadApiClient } from './apiClient/loadApiClient.js';
export * from './runner/projection.js';
export * from './runner/projectionRunner.js';
export * from '../infra/sql/sqlDb.js';
export * from '../infra/sql/sqliteSqlDb.js';

/** Every read model, in the order they are applied within a batch. */
export const allProjections: readonly Projection[] = [
  partnersProjection,
  peopleProjection,
  channelSettingsProjection,
  accessProjection,
  dealsProjection,
  mdfProjection,
  pointsProjection,
  scorecardsProjection,
  webhooksProjection,
  externalRefsProjection,
  leadsProjection,
  plansProjection,
  apiClientsProjection,
  oidcClientsProjection,
];
export type { Database, TableName } from './readModels/database.js';
