import { type LeadSort, LeadSort as LeadSortSchema } from '@contracts/lead-views.contract';
import { LeadFilter } from '@contracts/leads.contract';
import type { z } from 'zod';

/**
 * The lead list's state as the address bar carries it, so a filtered list is a link anyone can open:
 * LeadFilter values in the list API's own query-string form, plus `sort` and the saved `view`.
 */

export type LeadFilterKey = keyof typeof LeadFilter.shape;
/** Filter values exactly as the list API reads them from its query string (`status: 'new,mql'`). */
export type ListFilters = Partial<Record<LeadFilterKey, string>>;
export type ListState = { filters: ListFilters; sort: LeadSort; viewId: string | null };

export const FILTER_KEYS = Object.keys(LeadFilter.shape) as LeadFilterKey[];
export const DEFAULT_SORT: LeadSort = '-createdAt';

function isFilterKey(key: string): key is LeadFilterKey {
  return (FILTER_KEYS as string[]).includes(key);
}

/** Keeps only values the list API accepts: a hand-edited or outdated link cannot break the page. */
export function cleanFilters(input: Record<string, string | undefined>): ListFilters {
  const out: ListFilters = {};
  for (const [key, raw] of Object.entries(input)) {
    const value = raw?.trim();
    if (!value || !isFilterKey(key)) continue;
    if (LeadFilter.safeParse({ [key]: value }).success) out[key] = value;
  }
  return out;
}

export function readListState(search: URLSearchParams): ListState {
  const raw: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = search.get(key);
    if (value !== null) raw[key] = value;
  }
  const sort = LeadSortSchema.safeParse(search.get('sort'));
  const view = search.get('view');
  return {
    filters: cleanFilters(raw),
    sort: sort.success ? sort.data : DEFAULT_SORT,
    viewId: view && /^[0-9a-f-]{36}$/i.test(view) ? view : null,
  };
}

export function writeListState(state: ListState): URLSearchParams {
  const search = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = state.filters[key];
    if (value) search.set(key, value);
  }
  if (state.sort !== DEFAULT_SORT) search.set('sort', state.sort);
  if (state.viewId) search.set('view', state.viewId);
  return search;
}

/** Same filters, whatever order the keys were set in. */
export function sameFilters(a: ListFilters, b: Record<string, string>): boolean {
  const left = cleanFilters(a);
  const right = cleanFilters(b);
  const keys = new Set([...Object.keys(left), ...Object.keys(right)]) as Set<LeadFilterKey>;
  return [...keys].every((key) => left[key] === right[key]);
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

/** The sort a column header click asks for: ascending, descending, or back to the default. */
export function sortFor(field: string, order: 'ascend' | 'descend' | null | undefined): LeadSort {
  if (!order) return DEFAULT_SORT;
  const parsed = LeadSortSchema.safeParse(order === 'descend' ? `-${field}` : field);
  return parsed.success ? parsed.data : DEFAULT_SORT;
}

export function orderOf(sort: LeadSort, field: string): 'ascend' | 'descend' | null {
  if (sort === field) return 'ascend';
  if (sort === `-${field}`) return 'descend';
  return null;
}

/** The filters as a saved view stores them: only the keys that filter something. */
export function toViewFilters(filters: ListFilters): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of FILTER_KEYS) {
    const value = filters[key];
    if (value) out[key] = value;
  }
  return out;
}

/** The filters as the list API's query; every value was checked against LeadFilter by `cleanFilters`. */
export function filterQuery(filters: ListFilters): Partial<z.input<typeof LeadFilter>> {
  return filters as Partial<z.input<typeof LeadFilter>>;
}
