import type { Caller } from '../../domain/access/index.js';
import type { Actor } from '../../eventstore/port.js';

/** Who the log records for a caller (a command's own `submittedBy` fields name the same id). */
export const actorOf = (p: Caller): Actor =>
  p.kind === 'person'
    ? { kind: 'person', id: p.personId }
    : p.kind === 'system'
      ? { kind: 'system', id: p.id }
      : p.kind === 'api-client'
        ? { kind: 'api-client', id: p.clientId }
        : { kind: 'admin-key', id: 'admin' };
