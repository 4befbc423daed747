import { defineProjection } from '../runner/projection.js';
import type { SqlDb } from '../../infra/sql/sqlDb.js';
import type { StoredEvent } from '../../eventstore/port.js';
import { principalHandlers } from './principalsProjection.js';
import { visibilityHandlers } from './visibilityHandlers.js';

type Handler = (db: SqlDb, event: StoredEvent<never>) => Promise<void>;

/** Principal handlers first: the visibility handlers read the principal as the event left it. */
const combined: Record<string, Handler> = { ...principalHandlers };
for (const [type, handler] of Object.entries(visibilityHandlers)) {
  const first = combined[type];
  combined[type] = first ? async (db, e) => { await first(db, e); await handler(db, e); } : handler;
}

/**
 * The access read model (DESIGN §5, who-can-see-what): every person's principal, the projection's own
 * copies of partners, certifications and content, and who sees which content item until when.
 */
export const accessProjection = defineProjection({
  name: 'access',
  tables: ['access_visible_content', 'access_certifications', 'access_contents', 'access_principals', 'access_partners'],
  handlers: combined,
});
