import { z } from 'zod';
import { ContentId, defineEvent, Name, Url, type EventOf } from '../shared/index.js';
import { Audience } from './audience.js';

export const ContentKind = z.enum(['collateral', 'price_list', 'playbook', 'training', 'announcement', 'other']);
export type ContentKind = z.infer<typeof ContentKind>;

export const ContentPublished = defineEvent(
  'ContentPublished',
  z.object({ contentId: ContentId, title: Name, kind: ContentKind, uri: Url, audience: Audience }),
);
export const ContentAudienceChanged = defineEvent('ContentAudienceChanged', z.object({ audience: Audience }));
export const ContentRetired = defineEvent('ContentRetired', z.object({}));

export const contentEvents = [ContentPublished, ContentAudienceChanged, ContentRetired] as const;
export type ContentEvent = EventOf<typeof contentEvents>;
