import * as E from 'fp-ts/lib/Either.js';
import { domainError, type Decider, type DomainError } from '../shared/index.js';
import { sameAudience, type Audience } from './audience.js';
import * as ev from './events.js';
import type { ContentEvent, ContentKind } from './events.js';

export interface ContentState {
  readonly status: 'none' | 'published' | 'retired';
  readonly contentId?: string;
  readonly title?: string;
  readonly kind?: ContentKind;
  readonly uri?: string;
  readonly audience?: Audience;
}

/**
 * What the handler found of the programs and partners an audience names (status `none` when
 * unknown), so that the decider can refuse an audience that points at nothing.
 */
export interface AudienceFacts {
  readonly programStatuses: Readonly<Record<string, string>>;
  readonly partnerStatuses: Readonly<Record<string, string>>;
}

export type ContentCommand =
  | {
      type: 'PublishContent';
      data: { contentId: string; title: string; kind: ContentKind; uri: string; audience: Audience } & AudienceFacts;
    }
  | { type: 'ChangeAudience'; data: { audience: Audience } & AudienceFacts }
  | { type: 'RetireContent'; data: Record<string, never> };

export const initialContentState: ContentState = { status: 'none' };

const evolve = (state: ContentState, event: ContentEvent): ContentState => {
  switch (event.type) {
    case 'ContentPublished':
      return { status: 'published', ...event.data };
    case 'ContentAudienceChanged':
      return { ...state, audience: event.data.audience };
    case 'ContentRetired':
      return { ...state, status: 'retired' };
  }
};

/** Every program and partner the audience names must exist (a retired program still counts: see README). */
const unknownReferences = (audience: Audience, facts: AudienceFacts): DomainError | undefined => {
  const errors = [
    ...(audience.requiredPrograms ?? []).flatMap((id, i) =>
      (facts.programStatuses[id] ?? 'none') === 'none'
        ? [{ path: `audience.requiredPrograms[${i}]`, message: `unknown program ${id}` }]
        : [],
    ),
    ...(audience.partnerIds ?? []).flatMap((id, i) =>
      (facts.partnerStatuses[id] ?? 'none') === 'none'
        ? [{ path: `audience.partnerIds[${i}]`, message: `unknown partner ${id}` }]
        : [],
    ),
  ];
  return errors.length
    ? domainError('validation_failed', 'the audience names unknown programs or partners', { errors })
    : undefined;
};

const decide = (command: ContentCommand, state: ContentState) => {
  switch (command.type) {
    case 'PublishContent': {
      if (state.status !== 'none') return E.left(domainError('duplicate', 'content already exists'));
      const { programStatuses: _p, partnerStatuses: _q, ...data } = command.data;
      const refused = unknownReferences(data.audience, command.data);
      return refused ? E.left(refused) : E.right([ev.ContentPublished.create(data)]);
    }
    case 'ChangeAudience': {
      if (state.status === 'none') return E.left(domainError('not_found', 'content not found'));
      if (state.status === 'retired') return E.left(domainError('invalid_state', 'content is retired'));
      const refused = unknownReferences(command.data.audience, command.data);
      if (refused) return E.left(refused);
      if (state.audience && sameAudience(state.audience, command.data.audience))
        return E.left(domainError('invalid_state', 'the content already has this audience'));
      return E.right([ev.ContentAudienceChanged.create({ audience: command.data.audience })]);
    }
    case 'RetireContent':
      if (state.status === 'none') return E.left(domainError('not_found', 'content not found'));
      if (state.status === 'retired') return E.left(domainError('invalid_state', 'content is already retired'));
      return E.right([ev.ContentRetired.create({})]);
  }
};

export const contentDecider: Decider<ContentCommand, ContentEvent, ContentState> = {
  initialState: initialContentState,
  evolve,
  decide,
};
