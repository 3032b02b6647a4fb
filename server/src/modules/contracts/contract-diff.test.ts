import { describe, expect, it } from 'vitest';
import { diffClauses, diffText, wordsOf } from './contract-diff';

describe('contract diff', () => {
  it('treats each CJK character as a word and keeps English words whole', () => {
    expect(wordsOf('验收十日 within ten days')).toEqual([
      '验',
      '收',
      '十',
      '日',
      ' ',
      'within',
      ' ',
      'ten',
      ' ',
      'days',
    ]);
  });

  it('marks exactly the changed words', () => {
    const { granularity, parts } = diffText('甲方应在十个工作日内验收', '甲方应在十五个工作日内验收');
    expect(granularity).toBe('word');
    expect(parts).toEqual([
      { op: 'same', text: '甲方应在十' },
      { op: 'added', text: '五' },
      { op: 'same', text: '个工作日内验收' },
    ]);
  });

  it('pairs clauses by key: added, removed, changed; unchanged clauses are left out', () => {
    const a = [
      { key: 'a', title: 'A', body: 'one two' },
      { key: 'b', title: 'B', body: 'same' },
      { key: 'c', title: 'C', body: 'gone' },
    ];
    const b = [
      { key: 'a', title: 'A2', body: 'one three' },
      { key: 'b', title: 'B', body: 'same' },
      { key: 'd', title: 'D', body: 'new' },
    ];
    const diff = diffClauses(1, a, 2, b);
    expect(diff.clauses.map((d) => [d.key, d.change])).toEqual([
      ['a', 'changed'],
      ['d', 'added'],
      ['c', 'removed'],
    ]);
    expect(diff.clauses[0]?.titleTo).toBe('A2');
  });

  it('falls back to lines for very long clauses', () => {
    const long = Array.from({ length: 2500 }, (_, i) => `word${i}`).join(' ');
    const { granularity, parts } = diffText(`${long}\nend`, `${long}\nfin`);
    expect(granularity).toBe('line');
    expect(parts.find((p) => p.op === 'added')?.text).toBe('fin');
  });
});
