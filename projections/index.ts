import { accessProjection } from './access/accessProjection.js';
import { channelSettingsProjection } from './channel/channelSettingsProjection.js';
import { dealsProjection } from './deals/dealsProjection.js';
import { mdfProjection } from './mdf/mdfProjection.js';
import { partnersProjection } from './partners/partnersProjection.js';
import { peopleProjection } from './people/peopleProjection.js';
import { pointsProjection } from './points/pointsProjection.js';
import type { Projection } from './runner/projection.js';
import { scorecardsProjection } from './scorecards/scorecardsProjection.js';

export { loadPrincipal } from './access/loadPrincipal.js';
export * from './runner/projection.js';
export * from './runner/projectionRunner.js';
export * from './sql/sqlDb.js';
export * from './sql/sqliteSqlDb.js';

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
];
export type * from './readModels.js';
