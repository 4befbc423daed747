import { z } from 'zod';
import { AudienceBody, ContentKind } from '../../domain/content/index.js';
import { ContentId, Name, Url } from '../../domain/shared/index.js';

export const ContentParams = z.strictObject({ id: ContentId });
export const PublishContentBody = z.strictObject({ title: Name, kind: ContentKind, uri: Url, audience: AudienceBody });
export const ChangeAudienceBody = z.strictObject({ audience: AudienceBody });
export const RetireContentBody = z.strictObject({});
