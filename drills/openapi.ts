import type { Client } from './http';
import { json } from './world';

/**
 * Routes as the running server publishes them at /api/openapi.json, so that a new route is drilled without
 * anyone listing it here, plus request bodies made from their JSON schemas: a body the route would accept,
 * with the drill's own values (another tenant's ids, attack strings) in the fields it chooses.
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  enum?: unknown[];
  const?: unknown;
  default?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
};

export type QueryParam = { name: string; schema: JsonSchema; required: boolean };

export type Operation = {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** OpenAPI form: `/api/v1/leads/{id}`. */
  path: string;
  pathParams: string[];
  /** Every path parameter is a record id (a UUID), not a day or a token. */
  byId: boolean;
  pathSchemas: Record<string, JsonSchema>;
  query: QueryParam[];
  body: JsonSchema | null;
  /** No security requirement: anyone may call it. */
  public: boolean;
};

type Document = {
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { in: string; name: string; required?: boolean; schema?: JsonSchema }[];
        requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
        security?: unknown[];
      }
    >
  >;
};

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export async function loadOperations(client: Client): Promise<Operation[]> {
  const doc = json<Document>(
    await client.call({ kind: 'anonymous' }, { method: 'GET', path: '/api/openapi.json' }),
    200,
    'OpenAPI document',
  );
  const out: Operation[] = [];
  for (const [path, ops] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(ops)) {
      const method = m.toUpperCase();
      if (!METHODS.has(method)) continue;
      const parameters = op.parameters ?? [];
      const inPath = parameters.filter((p) => p.in === 'path');
      out.push({
        method: method as Operation['method'],
        path,
        pathParams: inPath.map((p) => p.name),
        byId: inPath.length > 0 && inPath.every((p) => isUuid(p.schema ?? {})),
        pathSchemas: Object.fromEntries(inPath.map((p) => [p.name, p.schema ?? {}])),
        query: parameters
          .filter((p) => p.in === 'query')
          .map((p) => ({ name: p.name, schema: p.schema ?? {}, required: p.required === true })),
        body: op.requestBody?.content?.['application/json']?.schema ?? null,
        public: !op.security || op.security.length === 0,
      });
    }
  }
  return out;
}

/** `/api/v1/leads/{id}` with `{ id: '…' }` → `/api/v1/leads/…`. */
export function fillPath(path: string, params: Record<string, string>): string {
  return path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

export const label = (op: Operation) => `${op.method} ${op.path}`;

/** The schema a value must match, with `null` alternatives left out (a drill wants a real value). */
function concrete(schema: JsonSchema): JsonSchema {
  const options = schema.anyOf ?? schema.oneOf;
  if (!options) return schema;
  return concrete(options.find((o) => o.type !== 'null') ?? options[0] ?? {});
}

export const isUuid = (schema: JsonSchema) => concrete(schema).format === 'uuid';

/**
 * Chooses a value for a field: return undefined to let the schema decide. `name` is the property name,
 * `schema` its (concrete) schema.
 */
export type Filler = (name: string, schema: JsonSchema) => unknown;

/**
 * A value that matches `schema`: required properties always, optional ones only when the filler gives
 * them a value; enums take their first member, strings their minimum length, numbers their minimum.
 */
export function sample(schema: JsonSchema, fill: Filler, name = '', depth = 0): unknown {
  const s = concrete(schema);
  const chosen = fill(name, s);
  if (chosen !== undefined) return chosen;
  if (s.const !== undefined) return s.const;
  if (s.enum && s.enum.length > 0) return s.enum[0];
  if (s.default !== undefined) return s.default;
  const type = Array.isArray(s.type) ? s.type.find((t) => t !== 'null') : s.type;
  if (depth > 6) return null;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      const required = new Set(s.required ?? []);
      for (const [key, prop] of Object.entries(s.properties ?? {})) {
        if (required.has(key)) {
          out[key] = sample(prop, fill, key, depth + 1);
        } else {
          const value = fill(key, concrete(prop));
          if (value !== undefined) out[key] = value;
        }
      }
      return out;
    }
    case 'array': {
      const count = Math.max(1, s.minItems ?? 0);
      return Array.from({ length: count }, () => sample(s.items ?? {}, fill, name, depth + 1));
    }
    case 'integer':
    case 'number':
      return Math.max(s.minimum ?? 1, Math.min(1, s.maximum ?? 1));
    case 'boolean':
      return false;
    case 'string':
      return stringFor(s);
    default:
      return null;
  }
}

function stringFor(s: JsonSchema): string {
  switch (s.format) {
    case 'uuid':
      return '00000000-0000-7000-8000-000000000000';
    case 'date-time':
      return new Date().toISOString();
    case 'date':
      return new Date().toISOString().slice(0, 10);
    case 'email':
      return 'drill@example.com';
    case 'uri':
      return 'https://example.com/';
    default:
      return 'd'.repeat(Math.max(1, s.minLength ?? 1));
  }
}

/** Every UUID in a text (an answer body): the ids it talks about. */
export function uuidsIn(text: string): string[] {
  return [...new Set(text.match(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi) ?? [])];
}
