import { describe, expect, it } from 'vitest';
import {
  cleanFilters,
  readListState,
  sameFilters,
  sortFor,
  toViewFilters,
  writeListState,
} from './list-params';

/** The lead list's address-bar state: what a shared link restores, and what a bad link cannot break. */

describe('lead list state in the address bar', () => {
  it('reads filters, sort and view back exactly as written', () => {
    const state = {
      filters: { q: 'acme', status: 'new,mql', ownerId: 'me', slaBreached: 'true', minScore: '20' },
      sort: '-score' as const,
      viewId: '0190f5b4-0000-7000-8000-000000000001',
    };
    const search = writeListState(state);
    expect(search.toString()).toBe(
      'q=acme&status=new%2Cmql&ownerId=me&minScore=20&slaBreached=true&sort=-score&view=0190f5b4-0000-7000-8000-000000000001',
    );
    expect(readListState(new URLSearchParams(search.toString()))).toEqual(state);
  });

  it('leaves the default sort and an empty filter out of the link', () => {
    expect(writeListState({ filters: { q: '' }, sort: '-createdAt', viewId: null }).toString()).toBe('');
  });

  it('drops values the list API would refuse instead of failing the page', () => {
    const state = readListState(
      new URLSearchParams(
        'status=new,lost&grade=A&minScore=lots&ownerId=someone&createdFrom=yesterday&tenantId=x&sort=phone&view=1',
      ),
    );
    expect(state).toEqual({ filters: { grade: 'A' }, sort: '-createdAt', viewId: null });
  });

  it('keeps an owner id, "me" and "none", and ISO dates', () => {
    const owner = '0190f5b4-0000-7000-8000-00000000000a';
    expect(cleanFilters({ ownerId: owner, createdFrom: '2025-03-01T00:00:00.000Z' })).toEqual({
      ownerId: owner,
      createdFrom: '2025-03-01T00:00:00.000Z',
    });
    expect(cleanFilters({ ownerId: 'none' })).toEqual({ ownerId: 'none' });
  });

  it('compares filters regardless of key order and blanks', () => {
    expect(sameFilters({ grade: 'A', status: 'new' }, { status: 'new', grade: 'A', q: '' })).toBe(true);
    expect(sameFilters({ grade: 'A' }, { grade: 'B' })).toBe(false);
    expect(sameFilters({}, { grade: 'A' })).toBe(false);
  });

  it('stores only filters that filter something in a view', () => {
    expect(toViewFilters({ q: undefined, grade: 'A', status: '' })).toEqual({ grade: 'A' });
  });

  it('turns a header click into one of the list API sorts', () => {
    expect(sortFor('score', 'descend')).toBe('-score');
    expect(sortFor('slaDueAt', 'ascend')).toBe('slaDueAt');
    expect(sortFor('score', null)).toBe('-createdAt');
    expect(sortFor('phone', 'ascend')).toBe('-createdAt');
  });
});
