import { daysFromNow, instant as at, now, sql } from '../analyticsSql.js';
import { decimal, defineView, instant, integer, json, text } from '../analyticsView.js';

/** A row of access_visible_content `v` that is visible now (validUntil: expiry without an event). */
const visibleNow = sql`(v.valid_until IS NULL OR ${at('v.valid_until')} > ${now})`;

export const contentV1 = defineView({
  name: 'analytics_content',
  version: 1,
  rowPer: 'content item (published or retired)',
  key: ['content_id'],
  columns: {
    content_id: text('c.content_id', 'the item (`cnt_…`)'),
    title: text('c.title', 'its title'),
    kind: text('c.kind', '`collateral`, `price_list`, `playbook`, `training`, `announcement`, `other`'),
    uri: text('c.uri', 'where it lives'),
    audience: json('c.audience', 'its audience, JSON (lists sorted)'),
    status: text('c.status', '`published`, `retired`'),
    published_at: instant('c.published_at', 'when published'),
    changed_at: instant('c.changed_at', 'when its audience last changed'),
    retired_at: instant('c.retired_at', 'when retired, or null'),
    partner_people_now: integer(
      sql`(SELECT COUNT(*) FROM access_visible_content v JOIN access_principals pr ON pr.person_id = v.person_id
        WHERE v.content_id = c.content_id AND pr.partner_id IS NOT NULL AND ${visibleNow})`,
      'partner people who can see it now',
    ),
  },
  from: 'FROM access_contents c',
});

/** Who sees what right now: rows whose certification-bound `valid_until` has passed are left out. */
export const contentAccessV1 = defineView({
  name: 'analytics_content_access',
  version: 1,
  rowPer: 'person and content item they can see now (vendor staff see every published item)',
  key: ['person_id', 'content_id'],
  columns: {
    person_id: text('v.person_id', 'the person'),
    content_id: text('v.content_id', 'the item'),
    kind: text('c.kind', "the item's kind"),
    partner_id: text('pr.partner_id', "the person's employer; null for vendor staff"),
    partner_role: text('pr.partner_role', 'their role there'),
    partner_region: text('pr.partner_region', "the employer's region"),
    partner_tier: text('pr.partner_tier', "the employer's tier"),
    valid_until: instant(
      'v.valid_until',
      'visible until then (the earliest expiry of a required certification); null: no end',
    ),
    days_left: decimal(daysFromNow('v.valid_until'), 'days from now until `valid_until`; null: no end'),
  },
  from: sql`FROM access_visible_content v JOIN access_contents c ON c.content_id = v.content_id
  JOIN access_principals pr ON pr.person_id = v.person_id
  WHERE ${visibleNow}`,
});
