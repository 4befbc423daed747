import { z } from 'zod';
import { CountryCode } from '../domain/shared/index.js';

/**
 * The response side of the API contract: zod schemas the routes answer through, turned into the
 * OpenAPI document by zod's own `z.toJSONSchema` (http/openApi.ts). A schema given an id here becomes a
 * named component (`#/components/schemas/<id>`) that generated clients see as a type of its own.
 */
export const named = <T extends z.ZodType>(id: string, schema: T): T => schema.meta({ id });

/** Instants as the API writes them: ISO-8601 UTC with milliseconds (`2026-11-27T10:00:00.000Z`). */
export const InstantOut = z.string().meta({ format: 'date-time' });
/** Calendar dates `YYYY-MM-DD`. */
export const DateOut = z.string().meta({ format: 'date' });
export const UriOut = z.string().meta({ format: 'uri' });
export const EmailOut = z.string().meta({ format: 'email' });
export const CurrencyOut = z.string().regex(/^[A-Z]{3}$/);
export const CountryOut = CountryCode;

export const MoneyOut = named('Money', z.object({ amountMinor: z.number().int(), currency: CurrencyOut }));

/** An owner's ids in other systems, `{<system>: <id>}` (README "External references"); `{}` when none. */
export const ExternalRefsOut = named(
  'ExternalRefs',
  z.record(z.string(), z.string()).describe('{<system>: <id>}, e.g. {"salesforce": "0015g00000XyZ"}'),
);

/** One page of a list: pass `nextCursor` back as `cursor` for the next one (null on the last page). */
export const pageOf = <T extends z.ZodType>(id: string, item: T) =>
  named(id, z.object({ items: z.array(item), nextCursor: z.string().nullable() }));

/** A body with nothing to say beyond its fields' presence: any JSON object (e.g. an aggregate's replayed state). */
export const AnyObject = z.record(z.string(), z.unknown());

/**
 * A streamed body the route writes itself (NDJSON lines); the document describes it as text, the
 * handler answers a Node stream.
 */
export const TextStream = z
  .custom<NodeJS.ReadableStream>((v) => typeof v === 'object' && v !== null && 'pipe' in v)
  .meta({ type: 'string', description: 'one JSON document per line' });
