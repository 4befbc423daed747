import type { SwaggerTransformObject } from '@fastify/swagger';
import { z } from 'zod';
import { ProblemBody } from './problem.js';
import { requestHeaderSchemas, type ResponseContract, type ResponseHeader } from './responseContract.js';

type Json = Record<string, unknown>;
const COMPONENTS = '#/components/schemas/';

const reasons: Record<number, string> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request: the request does not match its schema (field paths in `errors`)',
  401: 'Unauthorized: no token, or a bad, expired or revoked one',
  403: 'Forbidden: the caller may see the resource but not do this',
  404: 'Not Found: unknown, or not visible to the caller',
  409: 'Conflict: the aggregate is in the wrong state for the command',
  412: 'Precondition Failed: If-Match names a version the stream has moved past',
  413: 'Content Too Large',
  415: 'Unsupported Media Type: send JSON',
  422: 'Unprocessable Content: a business rule refused',
  429: 'Too Many Requests: rate limited; retry after `Retry-After` seconds',
  501: 'Not Implemented by this event store',
  503: 'Service Unavailable: the database cannot be used now; nothing was written (Retry-After)',
  507: 'Insufficient Storage: the server is out of space; nothing was written',
};

// @fastify/swagger wraps each header's schema in `{ schema }` itself.
const responseHeaders = {
  etag: { type: 'string', description: '"<version>" of the stream: send it back as If-Match' },
  location: { type: 'string', format: 'uri-reference', description: 'where the created resource is read' },
  'prm-read-models': {
    type: 'string',
    enum: ['behind'],
    description: 'the events are stored but the read models could not follow: read-your-writes waived',
  },
  'prm-read-models-position': { type: 'string', description: 'the log position the read models stand at' },
} as const;
const headerNames: Record<ResponseHeader, string> = {
  etag: 'ETag',
  location: 'Location',
  'prm-read-models': 'PRM-Read-Models',
  'prm-read-models-position': 'PRM-Read-Models-Position',
};

/**
 * Turns the zod schemas of route declarations into the OpenAPI document's JSON Schemas with zod's own
 * `z.toJSONSchema`. Schemas named in http/contract.ts land in `components.schemas` once and are referenced.
 */
export const openApiTransforms = () => {
  const components: Record<string, Json> = {};

  const toJson = (schema: unknown, io: 'input' | 'output'): Json | undefined => {
    if (!(schema instanceof z.ZodType)) return schema as Json | undefined;
    const json = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Json;
    const defs = (json.$defs ?? {}) as Record<string, Json>;
    delete json.$defs;
    delete json.$schema;
    const rename = new Map<string, string>();
    const relink = (value: Json) =>
      JSON.parse(
        JSON.stringify(value).replace(
          /"#\/\$defs\/([^"]+)"/g,
          (_m, id: string) => `"${COMPONENTS}${rename.get(id) ?? id}"`,
        ),
      ) as Json;
    for (const [id, def] of Object.entries(defs)) {
      // A request schema may share a name with a response schema yet differ (defaults, transforms).
      const same = !components[id] || JSON.stringify(components[id]) === JSON.stringify(relink(def));
      rename.set(id, same ? id : `${id}Input`);
    }
    for (const [id, def] of Object.entries(defs)) components[rename.get(id) ?? id] = relink(def);
    return relink(json);
  };

  const problem = (status: number) => ({
    description: reasons[status] ?? 'Problem',
    content: { 'application/problem+json': { schema: toJson(ProblemBody, 'output') } },
  });

  const responsesOf = (c: ResponseContract) => {
    const headers = Object.fromEntries(c.headers.map((h) => [headerNames[h], responseHeaders[h]]));
    const success =
      c.body === undefined
        ? { description: reasons[c.status], type: 'null' }
        : { description: reasons[c.status], content: { [c.produces]: { schema: toJson(c.body, 'output') } } };
    return {
      [c.status]: { ...success, ...(c.headers.length ? { headers } : {}) },
      ...Object.fromEntries(c.problems.map((s) => [s, problem(s)])),
    };
  };

  const headersOf = (c: ResponseContract) =>
    c.requestHeaders.length === 0
      ? undefined
      : {
          type: 'object',
          properties: Object.fromEntries(c.requestHeaders.map((h) => [h, toJson(requestHeaderSchemas[h], 'input')])),
        };

  /** @fastify/swagger's per-route `transform`. */
  const transform = ({ schema, url }: { schema: unknown; url: string }) => {
    const s = { ...((schema ?? {}) as Json) };
    for (const part of ['body', 'querystring', 'params']) if (s[part]) s[part] = toJson(s[part], 'input');
    const contract = s.contract as ResponseContract | undefined;
    delete s.contract;
    if (contract) {
      s.response = responsesOf(contract);
      const headers = headersOf(contract);
      if (headers) s.headers = headers;
    }
    return { schema: s, url };
  };

  /** @fastify/swagger's `transformObject`: adds the named components the routes referenced. */
  const transformObject: SwaggerTransformObject = (document) => {
    if (!('openapiObject' in document)) return document.swaggerObject;
    const doc = document.openapiObject;
    // The components are JSON Schemas zod produced; the document's typings know only OpenAPI 3.0's subset.
    return {
      ...doc,
      components: { ...doc.components, schemas: { ...doc.components?.schemas, ...components } },
    } as typeof doc;
  };
  return { transform, transformObject };
};
