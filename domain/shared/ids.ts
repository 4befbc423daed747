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
