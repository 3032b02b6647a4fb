import { jsonOf } from './http';
import { fillPath, type Operation } from './openapi';
import type { World } from './world';

/**
 * A route's path with its parameters filled by a real record of tenant A: `/api/v1/leads/{id}/timeline`
 * gets the first lead that `GET /api/v1/leads` lists, `/api/v1/lead-forms/{id}/submissions` the first
 * form. Null when the collection is empty or not listable, or the parameter is not a record id.
 */

const cache = new Map<string, string | null>();

export async function realPath(world: World, op: Operation): Promise<string | null> {
  if (op.pathParams.length === 0) return op.path;
  if (!op.byId) return null;
  const cut = op.path.indexOf('/{');
  const collection = op.path.slice(0, cut);
  if (!cache.has(collection)) {
    const answer = await world.client.call(world.a.admin.session, { method: 'GET', path: collection });
    const body = jsonOf<{ items?: { id?: unknown }[] }>(answer);
    const first = body?.items?.find((item) => typeof item.id === 'string')?.id;
    cache.set(collection, answer.status === 200 && typeof first === 'string' ? first : null);
  }
  const id = cache.get(collection);
  if (!id) return null;
  return fillPath(op.path, Object.fromEntries(op.pathParams.map((p) => [p, id])));
}
