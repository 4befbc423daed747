import { ID_ALPHABET, timeOrderedBody } from '../../domain/shared/ids.js';

const MINTED_FROM = Date.UTC(2024, 0, 1);

/**
 * The seed's only source of randomness: mulberry32, a small seeded PRNG, so that one seed always
 * gives the same channel (ids included: nothing in the seed calls nanoid or Math.random). The
 * benchmarks' generated stores draw from it too, so they are the same from run to run.
 */
export const createRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  let minted = 0;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const normal = () => {
    // Box-Muller; 1 - next() keeps log away from 0.
    const u = 1 - next();
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * next());
  };
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    uniform: (min: number, max: number) => min + next() * (max - min),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)],
    /** A value of `choices` with probability proportional to its weight. */
    weighted: <T>(choices: readonly (readonly [T, number])[]): T => {
      const total = choices.reduce((s, [, w]) => s + w, 0);
      let x = next() * total;
      for (const [value, w] of choices) {
        x -= w;
        if (x < 0) return value;
      }
      return choices[choices.length - 1][0];
    },
    /** e^N(0, sigma): a multiplicative noise around 1. */
    logNormal: (sigma: number) => Math.exp(normal() * sigma),
    /** Poisson(lambda) by inversion (small lambdas). */
    poisson: (lambda: number) => {
      let k = 0;
      let p = Math.exp(-lambda);
      let s = p;
      const u = next();
      while (u > s && k < 1000) {
        k += 1;
        p *= lambda / k;
        s += p;
      }
      return k;
    },
    /**
     * A prefixed id shaped like the server's (`ptr_` + 8 digits of time + 8 random alphanumerics), its
     * instant advancing a millisecond per id from 2024: ids sort in the order they were minted, as a
     * server's do in the order its commands arrived, so a generated log rebuilds like a real one.
     */
    id: (prefix: string) => {
      let tail = '';
      for (let i = 0; i < 8; i++) tail += ID_ALPHABET[Math.floor(next() * ID_ALPHABET.length)];
      return `${prefix}_${timeOrderedBody(MINTED_FROM + minted++, tail)}`;
    },
  };
};
export type Random = ReturnType<typeof createRandom>;
