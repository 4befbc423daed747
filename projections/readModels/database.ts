import { identityTables } from '../../infra/sql/identityTables.js';
import { platformTables } from '../../infra/sql/platformTables.js';
import { webhookDeliveryTables } from '../../infra/sql/webhookDeliveryTables.js';
import { namesOf, type DatabaseOf } from '../../infra/sql/tables.js';
import { accessTables } from './accessTables.js';
import { apiClientTables } from './apiClientTables.js';
import { channelTables } from './channelTables.js';
import { dealTables } from './dealTables.js';
import { integrationTables } from './integrationTables.js';
import { leadTables } from './leadTables.js';
import { mdfTables } from './mdfTables.js';
import { oidcClientTables } from './oidcClientTables.js';
import { partnerTables } from './partnerTables.js';
import { personTables } from './personTables.js';
import { planTables } from './planTables.js';
import { pointsTables } from './pointsTables.js';
import { scorecardTables } from './scorecardTables.js';

/**
 * Every table of the read-model database, declared once: the read models each capability projects,
 * and the plumbing tables beside them. tests/projections/readModelSchema.test.ts holds the migrated
 * database to exactly these columns; the log's own `events` table belongs to the event store.
 */
export const tables = {
  ...partnerTables,
  ...personTables,
  ...channelTables,
  ...accessTables,
  ...dealTables,
  ...mdfTables,
  ...pointsTables,
  ...scorecardTables,
  ...integrationTables,
  ...leadTables,
  ...planTables,
  ...apiClientTables,
  ...oidcClientTables,
  ...platformTables,
  ...webhookDeliveryTables,
  ...identityTables,
};
export type Tables = typeof tables;
export type TableName = keyof Tables & string;

/** table name -> row type, for `Kysely<Database>` in the read API and the typed statements of projections. */
export type Database = DatabaseOf<Tables>;

/** Table and column names for the few statements written as SQL text: `t.deals.$`, `t.deals.status`. */
export const t = namesOf(tables);
