import type { Database } from '../../projections/readModels/database.js';

/**
 * One content item as the API shows it. Vendor staff see its audience; partner people do not (an
 * audience may name other partners) but see until when the item stays visible to them (`validUntil`).
 */
export const contentView = (
  row: Database['access_contents'],
  as: { readonly audience: boolean; readonly validUntil?: string | null },
) => ({
  id: row.content_id,
  title: row.title,
  kind: row.kind,
  uri: row.uri,
  status: row.status,
  publishedAt: row.published_at,
  changedAt: row.changed_at,
  ...(row.retired_at ? { retiredAt: row.retired_at } : {}),
  version: Number(row.version),
  ...(as.validUntil !== undefined ? { validUntil: as.validUntil } : {}),
  ...(as.audience ? { audience: JSON.parse(row.audience) as unknown } : {}),
});
