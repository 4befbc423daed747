import fc from 'fast-check';

/** The parts of JSON Schema that zod's `toJSONSchema` writes into /openapi.json. */
export interface JsonSchema {
  readonly type?: string | readonly string[];
  readonly properties?: Readonly<Record<string, JsonSchema>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | JsonSchema;
  readonly propertyNames?: JsonSchema;
  readonly items?: JsonSchema;
  readonly enum?: readonly unknown[];
  readonly const?: unknown;
  readonly anyOf?: readonly JsonSchema[];
  readonly oneOf?: readonly JsonSchema[];
  readonly allOf?: readonly JsonSchema[];
  readonly pattern?: string;
  readonly format?: string;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
}

const formats: Record<string, fc.Arbitrary<string>> = {
  email: fc.emailAddress(),
  uri: fc.webUrl(),
  url: fc.webUrl(),
  date: fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
  'date-time': fc
    .date({ min: new Date('2020-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString()),
};

const stringOf = (schema: JsonSchema): fc.Arbitrary<string> => {
  if (schema.format && formats[schema.format]) return formats[schema.format];
  if (schema.pattern) {
    try {
      return fc.stringMatching(new RegExp(schema.pattern));
    } catch {
      // A pattern fast-check cannot generate from: any short string will do.
    }
  }
  const minLength = schema.minLength ?? 0;
  return fc.string({ minLength, maxLength: Math.max(minLength, Math.min(schema.maxLength ?? 24, 24)) });
};

/**
 * Values that mostly satisfy `schema`: enough to get past the first checks and reach the deeper
 * ones. Small on purpose (arrays of a few items, short strings); the mutations make them big.
 */
export const arbitraryOf = (schema: JsonSchema | undefined, depth = 0): fc.Arbitrary<unknown> => {
  if (!schema || depth > 6) return fc.jsonValue({ maxDepth: 2 });
  if (schema.enum) return fc.constantFrom(...schema.enum);
  if ('const' in schema) return fc.constant(schema.const);
  const choices = schema.anyOf ?? schema.oneOf;
  if (choices?.length) return fc.oneof(...choices.map((s) => arbitraryOf(s, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(schema.allOf[0], depth + 1);
  const types = [schema.type ?? []].flat();
  if (types.length > 1) return fc.oneof(...types.map((type) => arbitraryOf({ ...schema, type }, depth + 1)));
  switch (types[0]) {
    case 'string':
      return stringOf(schema);
    case 'integer':
      return fc.integer({
        min: Math.max(schema.minimum ?? -1_000_000, Number.MIN_SAFE_INTEGER),
        max: Math.min(schema.maximum ?? 1_000_000, Number.MAX_SAFE_INTEGER),
      });
    case 'number':
      return fc.double({ min: schema.minimum ?? -1e6, max: schema.maximum ?? 1e6, noNaN: true });
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    case 'array':
      return fc.array(arbitraryOf(schema.items, depth + 1), {
        minLength: schema.minItems ?? 0,
        maxLength: Math.max(schema.minItems ?? 0, Math.min(schema.maxItems ?? 3, 3)),
      });
    case 'object': {
      if (schema.properties) {
        const shape = Object.fromEntries(
          Object.entries(schema.properties).map(([k, s]) => [k, arbitraryOf(s, depth + 1)]),
        );
        return fc.record(shape, { requiredKeys: [...(schema.required ?? [])] });
      }
      const values = typeof schema.additionalProperties === 'object' ? schema.additionalProperties : undefined;
      return fc.dictionary(stringOf(schema.propertyNames ?? {}), arbitraryOf(values, depth + 1), { maxKeys: 3 });
    }
    default:
      return fc.jsonValue({ maxDepth: 2 });
  }
};

/** Text rich in what breaks things: lone surrogates, controls, NUL, bidi marks, emoji, combining marks. */
export const riskyText = fc.string({
  unit: fc.oneof(
    fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
    fc.integer({ min: 0, max: 0x9f }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('\u202e', '\u200d', '\ufeff', '\ud83d\ude80', 'e\u0301', '%', '/', '..', '"', '\\', '<'),
  ),
  maxLength: 24,
});

/** A JSON value of any type: what a field gets when its type is mutated. */
const anyType = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.string({ maxLength: 8 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 4 }), fc.integer(), { maxKeys: 2 }),
);

export type Mutation =
  | { readonly op: 'retype'; readonly at: number; readonly value: unknown }
  | { readonly op: 'huge'; readonly at: number; readonly size: number }
  | { readonly op: 'deep'; readonly at: number; readonly depth: number }
  | { readonly op: 'unicode'; readonly at: number; readonly text: string }
  | { readonly op: 'drop'; readonly at: number }
  | { readonly op: 'extra'; readonly at: number; readonly key: string; readonly value: unknown };

/** Mutations by type, size, nesting, Unicode, missing and extra fields, each aimed at some node of the value. */
export const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ op: fc.constant('retype' as const), at: fc.nat(), value: anyType }),
  fc.record({ op: fc.constant('huge' as const), at: fc.nat(), size: fc.constantFrom(300, 5_000, 100_000, 5_000_000) }),
  fc.record({ op: fc.constant('deep' as const), at: fc.nat(), depth: fc.constantFrom(8, 70, 100_000) }),
  fc.record({ op: fc.constant('unicode' as const), at: fc.nat(), text: riskyText }),
  fc.record({ op: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ op: fc.constant('extra' as const), at: fc.nat(), key: fc.string({ maxLength: 12 }), value: anyType }),
);

type Path = readonly (string | number)[];
const nodesOf = (value: unknown, path: Path = [], out: Path[] = []): Path[] => {
  out.push(path);
  if (value !== null && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) nodesOf(v, [...path, Array.isArray(value) ? Number(k) : k], out);
  return out;
};
const get = (value: unknown, path: Path) =>
  path.reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], value);
const set = (root: unknown, path: Path, next: unknown): unknown => {
  if (path.length === 0) return next;
  const parent = get(root, path.slice(0, -1)) as Record<string | number, unknown>;
  parent[path[path.length - 1]] = next;
  return root;
};

/** Applies one mutation to a copy of `value`. */
export const mutate = (value: unknown, m: Mutation): unknown => {
  const root = structuredClone(value);
  const nodes = nodesOf(root);
  const path = nodes[m.at % nodes.length];
  const node = get(root, path);
  switch (m.op) {
    case 'retype':
      return set(root, path, m.value);
    case 'huge':
      return set(
        root,
        path,
        Array.isArray(node) ? Array.from({ length: m.size / 10 }, () => node[0] ?? 1) : 'x'.repeat(m.size),
      );
    case 'deep':
      // JSON.stringify gives up at a few thousand levels: a marker that `serialize` expands as text.
      return set(root, path, `\u0000deep:${m.depth}\u0000`);
    case 'unicode':
      return set(root, path, m.text);
    case 'drop': {
      if (path.length === 0) return undefined;
      const parent = get(root, path.slice(0, -1));
      if (Array.isArray(parent)) parent.splice(Number(path[path.length - 1]), 1);
      else delete (parent as Record<string, unknown>)[path[path.length - 1]];
      return root;
    }
    case 'extra':
      if (node !== null && typeof node === 'object' && !Array.isArray(node))
        (node as Record<string, unknown>)[m.key || 'extra'] = m.value;
      return root;
  }
};

/** JSON text of a mutated value, with its nesting markers expanded into arrays and objects `depth` levels deep. */
export const serialize = (value: unknown): string =>
  value === undefined
    ? ''
    : JSON.stringify(value).replace(/"\\u0000deep:(\d+)\\u0000"/g, (_m, depth: string) => {
        const n = Number(depth);
        const open = Array.from({ length: n }, (_, i) => (i % 2 ? '{"a":' : '[')).join('');
        const close = Array.from({ length: n }, (_, i) => (i % 2 ? '}' : ']'))
          .reverse()
          .join('');
        return `${open}1${close}`;
      });
