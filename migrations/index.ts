import type { Migration } from 'kysely';
import * as m0001 from './0001_event_store.js';
import * as m0002 from './0002_infrastructure.js';
import * as m0010 from './0010_partners.js';
import * as m0011 from './0011_people.js';
import * as m0012 from './0012_channel_and_access.js';
import * as m0013 from './0013_partner_indexes.js';
import * as m0100 from './0100_deals.js';
import * as m0101 from './0101_deal_totals.js';
import * as m0102 from './0102_deal_totals_covering.js';
import * as m0103 from './0103_deal_console_indexes.js';
import * as m0104 from './0104_deal_collided.js';
import * as m0105 from './0105_deal_periods.js';
import * as m0200 from './0200_mdf.js';
import * as m0201 from './0201_points.js';
import * as m0202 from './0202_policy_checkpoints.js';
import * as m0300 from './0300_content_access.js';
import * as m0400 from './0400_scorecards.js';
import * as m0401 from './0401_scorecard_health.js';
import * as m0402 from './0402_scorecard_trailing_revenue.js';
import * as m0500 from './0500_audit.js';
import * as m0501 from './0501_partner_domain.js';
import * as m0600 from './0600_integration_hub.js';
import * as pg0001 from './postgres/0001_event_store.js';
import * as pg0003 from './postgres/0003_cluster.js';
import * as pg0500 from './postgres/0500_audit.js';
import * as m0800 from './0800_leads.js';
import * as m0801 from './0801_plans_locations.js';
import * as m0802 from './0802_lead_dashboard_totals.js';
import * as m0700 from './0700_api_clients.js';
import * as m0900 from './0900_identity.js';
import * as m0901 from './0901_lead_assignment_outcomes.js';

/**
 * Every migration, by name. Names sort in the order they apply; ranges per capability keep
 * parallel work from colliding: 00xx platform and partners/people, 01xx deals, 02xx MDF and
 * points, 03xx content and access, 04xx scorecards, 05xx audit, 06xx the integration hub, 07xx API
 * clients, 08xx leads, plans and locations, 09xx identity. Applied migrations are history and never change; what the
 * tables are now is declared once in projections/readModels (a test holds the two equal), and new
 * migrations may take table names from there (`tables.deals.name`).
 */
export const migrations: Record<string, Migration> = {
  '0001_event_store': m0001,
  '0002_infrastructure': m0002,
  '0010_partners': m0010,
  '0011_people': m0011,
  '0012_channel_and_access': m0012,
  '0013_partner_indexes': m0013,
  '0100_deals': m0100,
  '0101_deal_totals': m0101,
  '0102_deal_totals_covering': m0102,
  '0103_deal_console_indexes': m0103,
  '0104_deal_collided': m0104,
  '0105_deal_periods': m0105,
  '0200_mdf': m0200,
  '0201_points': m0201,
  '0202_policy_checkpoints': m0202,
  '0300_content_access': m0300,
  '0400_scorecards': m0400,
  '0401_scorecard_health': m0401,
  '0402_scorecard_trailing_revenue': m0402,
  '0500_audit': m0500,
  '0501_partner_domain': m0501,
  '0600_integration_hub': m0600,
  '0700_api_clients': m0700,
  '0800_leads': m0800,
  '0801_plans_locations': m0801,
  '0802_lead_dashboard_totals': m0802,
  '0900_identity': m0900,
  '0901_lead_assignment_outcomes': m0901,
};

/**
 * The same history on PostgreSQL (cluster mode): every migration runs there too, its SQLite type names
 * mapped to PostgreSQL's by the declarations (infra/sql/postgresKysely.ts), except the few whose SQL
 * is SQLite's own, replaced here by a file of the same name under postgres/, and the few that only a
 * cluster needs. A new migration is written once, in portable SQL, unless it must differ.
 */
export const postgresMigrations: Record<string, Migration> = {
  ...migrations,
  '0001_event_store': pg0001,
  '0003_cluster': pg0003,
  '0500_audit': pg0500,
};
