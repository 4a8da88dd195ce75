// The OpenAPI 3.1 document of the REST API, generated from the route table and its zod schemas
// (z.toJSONSchema), so the document always says what the server checks.
import { z } from 'zod';
import type { ApiRoute } from './route.ts';
import { ApiError } from './schemas.ts';

type Json = Record<string, unknown>;

function schemaOf(s: z.ZodType, io: 'input' | 'output'): Json {
  const { $schema: _drop, ...rest } = z.toJSONSchema(s, { io, unrepresentable: 'any' }) as Json;
  return rest;
}

const ERROR_REF = { $ref: '#/components/schemas/Error' };
const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: ERROR_REF } } });
const TOO_MANY = {
  ...errorResponse('Too many requests from this token (or, without a valid token, from this client)'),
  headers: { 'Retry-After': { description: 'Seconds to wait before trying again', schema: { type: 'integer', minimum: 1 } } },
};

function parameters(r: ApiRoute): Json[] {
  const out: Json[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: 'path', required: true, schema: { type: 'string' } }));
  if (r.query) {
    const q = schemaOf(r.query, 'input') as { properties?: Record<string, Json>; required?: string[] };
    for (const [name, schema] of Object.entries(q.properties ?? {})) {
      out.push({ name, in: 'query', required: (q.required ?? []).includes(name) && !('default' in schema), schema });
    }
  }
  return out;
}

export function openApiDocument(routes: readonly ApiRoute[], baseUrl: string): Json {
  const paths: Record<string, Record<string, Json>> = {};
  for (const r of routes) {
    const op: Json = {
      summary: r.summary,
      tags: [r.tag],
      operationId: `${r.method}${r.path.replace(/\{(\w+)\}/g, 'By_$1').split('/').map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}`,
      parameters: parameters(r),
      responses: {
        [String(r.status)]: r.response
          ? { description: 'Success', content: { 'application/json': { schema: schemaOf(r.response, 'output') } } }
          : { description: 'Done; no content' },
        400: errorResponse('The request is not valid'),
        401: errorResponse('No valid bearer token'),
        403: errorResponse('The token may not do this'),
        404: errorResponse('Not found (or not visible to this token)'),
        409: errorResponse('In conflict with the current state'),
        429: TOO_MANY,
      },
    };
    if (r.body) op.requestBody = { required: true, content: { 'application/json': { schema: schemaOf(r.body, 'input') } } };
    (paths[r.path] ??= {})[r.method] = op;
  }
  return {
    openapi: '3.1.0',
    info: { title: 'Caucus REST API', version: '1', description: 'Lists, settings, members, held posts, subscription requests and the archive. Make a token with `caucus tokens create`.' },
    servers: [{ url: `${baseUrl}/api/v1` }],
    security: [{ bearer: [] }],
    paths,
    components: {
      securitySchemes: { bearer: { type: 'http', scheme: 'bearer', description: 'RFC 6750 bearer token from `caucus tokens create`' } },
      schemas: { Error: schemaOf(ApiError, 'output') },
    },
  };
}
