import type { OwnerKind } from './events.js';

export * from './decider.js';
export * from './events.js';

/** An owner's references, e.g. `extrefs-partner-ptr_V1StGXR8Z5jdHi6B`. */
export const externalRefsStream = (kind: OwnerKind, ownerId: string) => `extrefs-${kind}-${ownerId}`;
/** Who holds one external id, e.g. `extref-partner:salesforce:001A000001`. */
export const externalRefReservationStream = (kind: OwnerKind, system: string, externalId: string) =>
  `extref-${kind}:${system}:${externalId}`;
