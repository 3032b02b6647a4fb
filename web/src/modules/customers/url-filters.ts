import type { z } from 'zod';

/**
 * A list's filters as the address bar carries them, so a filtered list is a link anyone can open: each value
 * in the list API's own query-string form (`tier: 'strategic,growth'`), kept only if the API accepts it.
 */

export type UrlFilters = Record<string, string>;

type FilterSchema = z.ZodObject<z.ZodRawShape>;

export function readFilters(search: URLSearchParams, schema: FilterSchema): UrlFilters {
  const out: UrlFilters = {};
  for (const key of Object.keys(schema.shape)) {
    const value = search.get(key)?.trim();
    if (value && schema.safeParse({ [key]: value }).success) out[key] = value;
  }
  return out;
}

/** The sort from the address bar, or the default when it is missing or not one the API knows. */
export function readSort<S extends string>(search: URLSearchParams, sorts: readonly S[], fallback: S): S {
  const value = search.get('sort');
  return sorts.find((s) => s === value) ?? fallback;
}

export function writeFilters<S extends string>(
  filters: UrlFilters,
  sort: S,
  defaultSort: S,
): URLSearchParams {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) search.set(key, value);
  if (sort !== defaultSort) search.set('sort', sort);
  return search;
}

/** A comma-separated filter value as its list of items, and back. */
export const splitCsv = (value: string | undefined): string[] =>
  value
    ? value
        .split(',')
        .map((v) => v.trim())
        .filter(Boolean)
    : [];
export const joinCsv = (values: readonly string[]): string | undefined =>
  values.length > 0 ? values.join(',') : undefined;

/** The sort a column header click asks for: `field`, `-field`, or the default when the sort is cleared. */
export function sortFor<S extends string>(
  sorts: readonly S[],
  field: string,
  order: 'ascend' | 'descend' | null | undefined,
  fallback: S,
): S {
  if (!order) return fallback;
  const wanted = order === 'descend' ? `-${field}` : field;
  return sorts.find((s) => s === wanted) ?? fallback;
}

export function orderOf(sort: string, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}
