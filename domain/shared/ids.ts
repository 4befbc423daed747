import { z } from 'zod';

/** Prefixes of every id in the system (DESIGN §3). */
export const idPrefixes = {
  partner: 'ptr',
  person: 'per',
  program: 'prg',
  deal: 'deal',
  fund: 'mdf',
  request: 'req',
  claim: 'clm',
  content: 'cnt',
  webhook: 'whk',
  lead: 'led',
  plan: 'pln',
  location: 'loc',
  apiClient: 'cli',
  oidcClient: 'app',
  event: 'evt',
  command: 'cmd',
} as const;
export type IdKind = keyof typeof idPrefixes;

/** Generates ids; injected so that tests and replays are deterministic. */
export interface IdGenerator {
  readonly next: (kind: IdKind) => string;
}

/** The digits of a new id's body, in ascending byte order: SQL compares text byte by byte (SQLite's BINARY). */
export const ID_ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const TIME_DIGITS = 8;

/**
 * A new id's body: the instant it was minted, as 8 base-62 digits (milliseconds since 1970, fixed width
 * until the year 8900), then `tail`. Ids minted later sort later, so rows keyed by them are appended at
 * the right edge of their tables' B-trees instead of at random pages: a batch of events about new
 * people or partners touches a few pages, not every page of the table (README "The event log").
 */
export const timeOrderedBody = (ms: number, tail: string): string => {
  let digits = '';
  let n = Math.max(0, Math.floor(ms));
  for (let i = 0; i < TIME_DIGITS; i++) {
    digits = ID_ALPHABET[n % 62] + digits;
    n = Math.floor(n / 62);
  }
  return digits + tail;
};

const idBody = '[A-Za-z0-9_-]{6,40}';
export const idSchema = (kind: IdKind) =>
  z.string().regex(new RegExp(`^${idPrefixes[kind]}_${idBody}$`), `must be a ${idPrefixes[kind]}_ id`);

export const PartnerId = idSchema('partner');
export const PersonId = idSchema('person');
export const ProgramId = idSchema('program');
export const DealId = idSchema('deal');
export const FundId = idSchema('fund');
export const RequestId = idSchema('request');
export const ClaimId = idSchema('claim');
export const ContentId = idSchema('content');
export const WebhookId = idSchema('webhook');
export const LeadId = idSchema('lead');
export const PlanId = idSchema('plan');
export const LocationId = idSchema('location');
export const ApiClientId = idSchema('apiClient');
