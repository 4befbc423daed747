import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { FastifyInstance } from 'fastify';

type Json = Record<string, unknown>;
const BASE = 'https://contract.test/';
interface Operation {
  readonly responses: Record<string, { content?: Record<string, { schema?: Json }> }>;
}

/** Every violation this process saw: the check fails the test file (exit code) and prints each. */
export const contractViolations: string[] = [];

// uvu sets process.exitCode itself when its run ends, so a mark set earlier would be lost: the verdict
// is given on exit, after uvu's, from the violations still listed.
process.on('exit', () => {
  if (contractViolations.length > 0) process.exitCode = 1;
});

const report = (message: string) => {
  contractViolations.push(message);
  console.error(`RESPONSE CONTRACT VIOLATED: ${message}`);
};

/**
 * Checks every response an app sends against its route's operation in the app's own /openapi.json
 * (ajv over the generated document): an undeclared status, a content type other than declared, or a
 * JSON body its schema refuses is a violation. Added to every test app; never in production.
 */
export const checkResponsesAgainstContract = (app: FastifyInstance) => {
  let doc: { paths: Record<string, Record<string, Operation>>; components: Json } | undefined;
  let ajv: Ajv2020 | undefined;
  const validators = new Map<string, ValidateFunction>();

  const validatorFor = (key: string, schema: Json) => {
    let v = validators.get(key);
    if (!v) {
      if (!ajv) {
        ajv = new Ajv2020({ strict: false, allErrors: true });
        addFormats.default(ajv);
        ajv.addSchema({ $id: `${BASE}openapi`, components: doc?.components });
      }
      const linked = JSON.parse(
        JSON.stringify(schema).replaceAll('"#/components/', `"${BASE}openapi#/components/`),
      ) as Json;
      v = ajv.compile({ ...linked, $id: `${BASE}operation/${validators.size}` });
      validators.set(key, v);
    }
    return v;
  };

  app.addHook('onSend', async (request, reply, payload) => {
    const route = request.routeOptions.url;
    if (route === undefined) return payload;
    doc ??= app.swagger() as unknown as typeof doc;
    const path = route.replace(/:(\w+)/g, '{$1}');
    const method = request.method.toLowerCase();
    const operation = doc?.paths[path]?.[method];
    const where = `${request.method} ${request.url} -> ${reply.statusCode}`;
    if (!operation) {
      // Pages, scripts and the docs themselves are not part of the API.
      const schema = request.routeOptions.schema as { hide?: boolean } | undefined;
      if (!schema?.hide && !route.startsWith('/docs')) report(`${where}: ${route} is not in the OpenAPI document`);
      return payload;
    }
    const declared = operation.responses[String(reply.statusCode)];
    if (!declared) {
      report(`${where}: status not declared (declared: ${Object.keys(operation.responses).join(', ')})`);
      return payload;
    }
    const type = String(reply.getHeader('content-type') ?? '')
      .split(';')[0]
      .trim();
    const media = declared.content ?? {};
    if (Object.keys(media).length === 0) {
      if (payload !== undefined && payload !== null && payload !== '')
        report(`${where}: a body where none is declared`);
      return payload;
    }
    const expected = media[type];
    if (!expected) {
      report(`${where}: content-type ${type}, declared ${Object.keys(media).join(', ')}`);
      return payload;
    }
    if (type.endsWith('json') && typeof payload === 'string' && expected.schema) {
      const validate = validatorFor(`${method} ${path} ${reply.statusCode} ${type}`, expected.schema);
      if (!validate(JSON.parse(payload)))
        report(
          `${where}: body does not match: ${JSON.stringify(validate.errors?.slice(0, 5))} in ${payload.slice(0, 600)}`,
        );
    }
    return payload;
  });
};
