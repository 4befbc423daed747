import { isWellFormedText } from '../domain/shared/text.js';
import { pathOf, type FieldError } from './problem.js';

/** Deeper than any body of the API; deeper still would only strain whatever walks it next. */
const MAX_DEPTH = 64;

/**
 * What no schema should have to meet in a parsed JSON body: strings that are not well-formed UTF-16
 * (a lone surrogate, from a `\ud800` escape, which no UTF-8 column holds: the view would differ from
 * the event) and nesting beyond MAX_DEPTH. Walked without recursion, so any depth is safe to look at.
 */
export const illFormedJson = (body: unknown): FieldError[] => {
  interface Node {
    readonly value: unknown;
    readonly depth: number;
    readonly key?: PropertyKey;
    readonly parent?: Node;
  }
  const pathTo = (node: Node): string => {
    const keys: PropertyKey[] = [];
    for (let n: Node | undefined = node; n?.parent; n = n.parent) keys.unshift(n.key as PropertyKey);
    return pathOf(keys);
  };
  const found: FieldError[] = [];
  const stack: Node[] = [{ value: body, depth: 0 }];
  while (stack.length && found.length < 20) {
    const node = stack.pop() as Node;
    const { value } = node;
    if (typeof value === 'string') {
      if (!isWellFormedText(value))
        found.push({ path: pathTo(node), message: 'must be well-formed Unicode (no lone surrogate)' });
    } else if (value !== null && typeof value === 'object') {
      if (node.depth >= MAX_DEPTH) {
        found.push({ path: pathTo(node), message: `nested deeper than ${MAX_DEPTH} levels` });
        continue;
      }
      const isArray = Array.isArray(value);
      for (const [k, v] of Object.entries(value)) {
        if (!isArray && !isWellFormedText(k))
          found.push({ path: pathTo(node), message: 'a field name is not well-formed Unicode' });
        if (typeof v === 'string' || (v !== null && typeof v === 'object'))
          stack.push({ value: v, depth: node.depth + 1, key: isArray ? Number(k) : k, parent: node });
      }
    }
  }
  return found;
};
