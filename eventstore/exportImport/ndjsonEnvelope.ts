import { z } from 'zod';
import type { RawEvent } from '../verifyReport.js';

/**
 * One line of an export: the stored envelope, hash included. The body and metadata are copied as
 * their stored JSON text, so the file holds exactly what the log holds (and what was hashed).
 */
export const toNdjsonLine = (e: RawEvent): string =>
  `{"position":${e.position},"streamId":${JSON.stringify(e.streamId)},"version":${e.version},` +
  `"eventId":${JSON.stringify(e.eventId)},` +
  `"type":${JSON.stringify(e.type)},"schemaVersion":${e.schemaVersion},"data":${e.data},"metadata":${e.metadata},` +
  `"recordedAt":${JSON.stringify(e.recordedAt)},"hash":${JSON.stringify(e.hash)}}`;

const Text = z.string().min(1).max(1000);
/** The shape an imported line must have; its data is any JSON (checked later against the event's schema). */
export const ExportedEnvelope = z.strictObject({
  position: z.number().int().min(1),
  streamId: Text,
  version: z.number().int().min(1),
  eventId: Text,
  type: Text,
  schemaVersion: z.number().int().min(1),
  data: z.unknown().refine((d) => d !== undefined, 'required'),
  metadata: z.looseObject({
    actor: z.looseObject({ kind: z.enum(['person', 'system', 'admin-key']), id: Text }),
    commandId: Text,
    correlationId: Text,
  }),
  recordedAt: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/, 'must be an ISO-8601 UTC instant with milliseconds'),
  hash: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 hex digits'),
});

/** A parsed line: the JSON exactly as read (key order and unknown metadata kept: they are hashed). */
export interface ImportedEnvelope {
  readonly position: number;
  readonly streamId: string;
  readonly version: number;
  readonly eventId: string;
  readonly type: string;
  readonly schemaVersion: number;
  readonly data: unknown;
  readonly metadata: {
    actor: { kind: 'person' | 'system' | 'admin-key'; id: string };
    commandId: string;
    correlationId: string;
  };
  readonly recordedAt: string;
  readonly hash: string;
}

/** Parses and checks one line; answers the reason when it is not a stored envelope. */
export const parseNdjsonLine = (line: string): { envelope: ImportedEnvelope } | { error: string } => {
  let json: unknown;
  try {
    json = JSON.parse(line);
  } catch (e) {
    return { error: `not JSON: ${(e as Error).message}` };
  }
  const checked = ExportedEnvelope.safeParse(json);
  if (!checked.success)
    return { error: checked.error.issues.map((i) => `${i.path.join('.') || 'line'}: ${i.message}`).join('; ') };
  return { envelope: json as ImportedEnvelope };
};
