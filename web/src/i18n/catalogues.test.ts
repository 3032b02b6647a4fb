import { describe, expect, it } from 'vitest';
import { compareCatalogues } from './compare-catalogues';
import { enUS } from './en-US';
import { zhCN } from './zh-CN';

describe('UI catalogues', () => {
  it('zh-CN and en-US have the same keys, none empty, with the same placeholders', () => {
    expect(compareCatalogues(enUS, 'en-US', zhCN, 'zh-CN')).toEqual([]);
  });

  it('reports a key missing from either side', () => {
    const problems = compareCatalogues({ a: { b: 'x', c: 'y' } }, 'ref', { a: { b: 'x' }, d: 'z' }, 'other');
    expect(problems).toContain('other: a.c is missing');
    expect(problems).toContain('ref: d is missing');
  });

  it('reports empty and non-string leaves', () => {
    const problems = compareCatalogues({ a: 'x', b: 'y' }, 'ref', { a: ' ', b: { c: '' } }, 'other');
    expect(problems).toContain('other: a is empty');
    expect(problems).toContain('other: b.c is empty');
    expect(problems).toContain('other: b is missing');
  });

  it('reports placeholders that differ', () => {
    const problems = compareCatalogues({ a: 'Hi {{name}}' }, 'ref', { a: '你好 {{nmae}}' }, 'other');
    expect(problems).toEqual(['other: a has placeholders {nmae}, expected {name}']);
  });
});
