import { describe, expect, it } from 'vitest';
import { type ChainContact, missingRoles, reportingForest, wouldLoop } from './decision-chain';

const contact = (id: string, over: Partial<ChainContact> = {}): ChainContact => ({
  id,
  name: id,
  role: null,
  attitude: 'unknown',
  reportsToId: null,
  ...over,
});

describe('the decision chain', () => {
  it('names the roles nobody holds, decision maker first', () => {
    expect(missingRoles([])).toEqual([
      'decision_maker',
      'influencer',
      'technical_evaluator',
      'procurement',
      'finance',
      'user',
    ]);
    const known = [contact('a', { role: 'decision_maker' }), contact('b', { role: 'finance' }), contact('c')];
    expect(missingRoles(known)).toEqual(['influencer', 'technical_evaluator', 'procurement', 'user']);
  });

  it('builds the reporting lines top down, keeping orphans at the top', () => {
    const forest = reportingForest([
      contact('cto', { reportsToId: 'ceo' }),
      contact('ceo'),
      contact('dev', { reportsToId: 'cto' }),
      contact('lost', { reportsToId: 'gone' }),
    ]);
    expect(forest.map((n) => n.contact.id)).toEqual(['ceo', 'lost']);
    expect(forest[0]?.reports.map((n) => n.contact.id)).toEqual(['cto']);
    expect(forest[0]?.reports[0]?.reports.map((n) => n.contact.id)).toEqual(['dev']);
  });

  it('never drops contacts caught in a loop', () => {
    const forest = reportingForest([contact('a', { reportsToId: 'b' }), contact('b', { reportsToId: 'a' })]);
    const ids = (nodes: typeof forest): string[] => nodes.flatMap((n) => [n.contact.id, ...ids(n.reports)]);
    expect(ids(forest).sort()).toEqual(['a', 'b']);
  });

  it('sees when a new reporting line would loop', () => {
    const chain = [
      contact('ceo'),
      contact('cto', { reportsToId: 'ceo' }),
      contact('dev', { reportsToId: 'cto' }),
    ];
    expect(wouldLoop(chain, 'ceo', 'dev')).toBe(true);
    expect(wouldLoop(chain, 'ceo', 'ceo')).toBe(true);
    expect(wouldLoop(chain, 'dev', 'ceo')).toBe(false);
  });
});
