import type { Position } from '@eventstore/db-client';

const EVERY = 64;

/**
 * A sparse map from our log position to ESDB's $all position, learned from reads, so that
 * readAll({after}) can start near `after` instead of at the start of $all. Holds every 64th
 * position (16k entries per million events) plus the latest seen.
 */
export interface PositionIndex {
  readonly note: (position: number, at: Position) => void;
  /** The ESDB position of the greatest known event position <= `position`. */
  readonly floor: (position: number) => { position: number; at: Position } | undefined;
}

export const createPositionIndex = (): PositionIndex => {
  const keys: number[] = [];
  const values = new Map<number, Position>();
  let latest: { position: number; at: Position } | undefined;

  const search = (position: number) => {
    let lo = 0;
    let hi = keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keys[mid] <= position) lo = mid + 1;
      else hi = mid;
    }
    return lo - 1;
  };

  return {
    note: (position, at) => {
      if (!latest || position >= latest.position) latest = { position, at };
      if (position % EVERY !== 0 || values.has(position)) return;
      keys.splice(search(position) + 1, 0, position);
      values.set(position, at);
    },
    floor: (position) => {
      const i = search(position);
      const sparse = i >= 0 ? { position: keys[i], at: values.get(keys[i]) as Position } : undefined;
      const recent = latest && latest.position <= position ? latest : undefined;
      if (!sparse) return recent;
      return recent && recent.position > sparse.position ? recent : sparse;
    },
  };
};
