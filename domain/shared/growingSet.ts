/**
 * An immutable set of strings that grows by one member in O(1), for aggregate state that only
 * accumulates (the source events a points ledger has earned from): copying a plain object on every
 * event made folding a long ledger quadratic.
 *
 * Every version shares one Map of member -> the size of the set it joined, and sees only the members
 * that joined below its own size. Growing a version that is no longer the newest (a command decided
 * again on the state its first attempt started from) first copies that version's members into a Map
 * of its own, so that no version ever sees another's later members. A class rather than a factory:
 * the methods live once on the prototype, and a state holding a set stays comparable by its `size`
 * and serialisable (`toJSON` gives the members as the object this replaced, `{ [member]: true }`).
 */
export class GrowingSet {
  readonly #joined: Map<string, number>;
  readonly size: number;

  private constructor(joined: Map<string, number>, size: number) {
    this.#joined = joined;
    this.size = size;
  }

  static empty(): GrowingSet {
    return new GrowingSet(new Map(), 0);
  }

  static of(members: Iterable<string>): GrowingSet {
    let set = GrowingSet.empty();
    for (const m of members) set = set.with(m);
    return set;
  }

  has(member: string): boolean {
    const at = this.#joined.get(member);
    return at !== undefined && at < this.size;
  }

  /** This set with `member` added (itself when it is a member already). */
  with(member: string): GrowingSet {
    if (this.has(member)) return this;
    const joined = this.#joined.size === this.size ? this.#joined : new Map(this.#own());
    joined.set(member, this.size);
    return new GrowingSet(joined, this.size + 1);
  }

  /** Members in the order they joined (the shared Map's order: a later version's come after). */
  *#own(): Generator<[string, number]> {
    for (const entry of this.#joined) {
      if (entry[1] >= this.size) return;
      yield entry;
    }
  }

  *[Symbol.iterator](): Generator<string> {
    for (const [member] of this.#own()) yield member;
  }

  toJSON(): Record<string, true> {
    const out: Record<string, true> = {};
    for (const member of this) out[member] = true;
    return out;
  }
}
