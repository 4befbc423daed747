import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { pathOf, type FieldError } from './problem.js';

/** A request part failed its schema: carries field paths for the problem response. */
export class RequestValidationError extends Error {
  readonly statusCode = 400;
  constructor(
    readonly part: string,
    readonly fieldErrors: readonly FieldError[],
  ) {
    super(`invalid ${part}: ${fieldErrors.map((e) => `${e.path || '(root)'} ${e.message}`).join('; ')}`);
  }
}

const isZod = (schema: unknown): schema is z.ZodType => schema instanceof z.ZodType;

/** Route schemas are zod schemas: zod validates (one source of truth) and feeds the OpenAPI document. */
export const useZodSchemas = (app: FastifyInstance) => {
  app.setValidatorCompiler(({ schema, httpPart }) => {
    if (!isZod(schema)) throw new Error(`route schema for ${httpPart} must be a zod schema`);
    const part = httpPart === 'querystring' ? 'query' : (httpPart ?? 'body');
    return (data: unknown) => {
      // Fastify hands a missing body over as null: a command without a body is a command with `{}`.
      const result = schema.safeParse(part === 'body' && (data === undefined || data === null) ? {} : data);
      if (result.success) return { value: result.data };
      const prefix = part === 'body' ? '' : `${part}.`;
      const at = (path: readonly PropertyKey[]) => `${prefix}${pathOf(path)}`.replace(/\.$/, '');
      // An unknown field is reported at its own path, one entry per field.
      const errors = result.error.issues.flatMap((i) =>
        i.code === 'unrecognized_keys'
          ? i.keys.map((k) => ({ path: at([...i.path, k]), message: 'unknown field' }))
          : [{ path: at(i.path), message: i.message }],
      );
      return { error: new RequestValidationError(part, errors) };
    };
  });
  app.setSerializerCompiler(() => (data) => JSON.stringify(data));
};
