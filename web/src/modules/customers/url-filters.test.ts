import { CUSTOMER_SORTS, CustomerFilter } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { orderOf, readFilters, readSort, sortFor, splitCsv, writeFilters } from './url-filters';

describe('list filters in the address bar', () => {
  it('keeps only values the list API accepts', () => {
    const search = new URLSearchParams(
      'q=云帆&tier=strategic,gold&lifecycleStage=growth&secret=1&ownerId=me',
    );
    expect(readFilters(search, CustomerFilter)).toEqual({
      q: '云帆',
      lifecycleStage: 'growth',
      ownerId: 'me',
    });
  });

  it('round-trips filters and sort, leaving the default sort out', () => {
    const written = writeFilters({ tags: '预算敏感型,技术驱动型' }, 'name', '-createdAt');
    expect(written.toString()).toBe(
      new URLSearchParams({ tags: '预算敏感型,技术驱动型', sort: 'name' }).toString(),
    );
    expect(readSort(written, CUSTOMER_SORTS, '-createdAt')).toBe('name');
    expect(readSort(new URLSearchParams('sort=drop'), CUSTOMER_SORTS, '-createdAt')).toBe('-createdAt');
    expect(writeFilters({}, '-createdAt', '-createdAt').toString()).toBe('');
  });

  it('turns header clicks into API sorts and back', () => {
    expect(sortFor(CUSTOMER_SORTS, 'name', 'descend', '-createdAt')).toBe('-name');
    expect(sortFor(CUSTOMER_SORTS, 'name', null, '-createdAt')).toBe('-createdAt');
    expect(sortFor(CUSTOMER_SORTS, 'tier', 'ascend', '-createdAt')).toBe('-createdAt');
    expect(orderOf('-lastActivityAt', 'lastActivityAt')).toBe('descend');
    expect(splitCsv(' a, ,b ')).toEqual(['a', 'b']);
  });
});
