import { AsyncLocalStorage } from 'node:async_hooks';
import type { IdGenerator, IdKind } from '../../domain/shared/ids.js';

type Planned = Readonly<Partial<Record<IdKind, string>>>;

const scope = new AsyncLocalStorage<Planned>();

/**
 * Runs `work` (one command) so that the new partner, person, deal, fund... it creates gets the id
 * planned for it: the seed plans its world, ids included, before it issues the commands. Every draw of
 * a kind answers the same id, so a retry after a version conflict creates the same thing again.
 * In-process only: no request reaches this scope, so no HTTP caller can choose an id.
 */
export const withPlannedIds = <T>(planned: Planned, work: () => Promise<T>): Promise<T> => scope.run(planned, work);

/** Ids from `base`, except inside `withPlannedIds`, where the planned kinds answer their planned id. */
export const plannedIds = (base: IdGenerator): IdGenerator => ({
  next: (kind) => scope.getStore()?.[kind] ?? base.next(kind),
});
