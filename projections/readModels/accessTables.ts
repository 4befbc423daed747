import { integer, json, table, tablesOf, text } from '../../infra/sql/tables.js';

/** The access read model (migrations 0012, 0300): principals, the projection's own copies, who sees what. */
export const accessTables = tablesOf(
  table(
    'access_principals',
    {
      person_id: text(),
      vendor_roles: json().withDefault(),
      partner_id: text().orNull(),
      partner_role: text().orNull(),
      partner_status: text().orNull(),
      partner_tier: text().orNull(),
      partner_region: text().orNull(),
      partner_type: text().orNull(),
      updated_at: text(),
    },
    ['person_id'],
  ),
  table(
    'access_partners',
    { partner_id: text(), status: text(), tier: text().orNull(), region: text(), type: text() },
    ['partner_id'],
  ),
  table(
    'access_contents',
    {
      content_id: text(),
      title: text(),
      kind: text(),
      uri: text(),
      /** JSON of the audience, lists sorted. */
      audience: json(),
      status: text(),
      published_at: text(),
      changed_at: text(),
      retired_at: text().orNull(),
      version: integer(),
      changed_position: integer(),
    },
    ['content_id'],
  ),
  table('access_certifications', { person_id: text(), program_id: text(), expires_at: text(), revoked: integer() }, [
    'person_id',
    'program_id',
  ]),
  /** Visible while `valid_until IS NULL OR valid_until > now`. */
  table('access_visible_content', { person_id: text(), content_id: text(), valid_until: text().orNull() }, [
    'person_id',
    'content_id',
  ]),
);
