import { z } from 'zod';
import { Audience, ContentKind } from '../../domain/content/index.js';
import { ContentId, PartnerId, PersonId } from '../../domain/shared/index.js';
import { InstantOut, named, pageOf, UriOut } from '../../http/contract.js';
import type { Database } from '../../projections/readModels/database.js';

export const ContentOut = named(
  'Content',
  z.object({
    id: ContentId,
    title: z.string(),
    kind: ContentKind,
    uri: UriOut,
    status: z.enum(['published', 'retired']),
    publishedAt: InstantOut,
    changedAt: InstantOut,
    retiredAt: InstantOut.optional(),
    version: z.number().int(),
    validUntil: InstantOut.nullable().optional().describe('until when the caller sees it (null: no end)'),
    audience: Audience.optional().describe('vendor staff only'),
  }),
);
export const ContentPage = pageOf('ContentPage', ContentOut);
export const AudienceMemberPage = pageOf(
  'AudienceMemberPage',
  z.object({
    personId: PersonId,
    name: z.string().nullable(),
    email: z.string().nullable(),
    partnerId: PartnerId.nullable(),
    role: z.string().nullable(),
    vendorRoles: z.array(z.string()),
    validUntil: InstantOut.nullable(),
  }),
);

/**
 * One content item as the API shows it. Vendor staff see its audience; partner people do not (an
 * audience may name other partners) but see until when the item stays visible to them (`validUntil`).
 */
export const contentView = (
  row: Database['access_contents'],
  as: { readonly audience: boolean; readonly validUntil?: string | null },
): z.input<typeof ContentOut> => ({
  id: row.content_id,
  title: row.title,
  kind: row.kind as ContentKind,
  uri: row.uri,
  status: row.status as 'published' | 'retired',
  publishedAt: row.published_at,
  changedAt: row.changed_at,
  ...(row.retired_at ? { retiredAt: row.retired_at } : {}),
  version: Number(row.version),
  ...(as.validUntil !== undefined ? { validUntil: as.validUntil } : {}),
  ...(as.audience ? { audience: JSON.parse(row.audience) as Audience } : {}),
});
