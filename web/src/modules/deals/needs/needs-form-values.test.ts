import type { DealNeeds } from '@contracts/deal-needs.contract';
import { describe, expect, it } from 'vitest';
import {
  budgetOf,
  coreNeedsText,
  corePainPoints,
  formValuesOf,
  type ItemDraft,
  itemDraftsOf,
  type NeedsFormValues,
  needsBody,
} from './needs-form-values';

const NEEDS: DealNeeds = {
  dealId: '0190f5b4-0000-7000-8000-000000000001',
  currentBusiness: 'Valves',
  currentTools: 'Excel',
  expectedResults: '',
  deadlineOn: '2031-09-30',
  decisionProcess: '',
  budgetMinMinor: 8_000_050,
  budgetMaxMinor: null,
  budgetCurrency: 'CNY',
  paymentPreference: '',
  specialRequirements: '',
  summary: 'S',
  items: [
    {
      id: '0190f5b4-0000-7000-8000-0000000000a1',
      kind: 'pain_point',
      description: 'Slow quotes',
      priority: 'core',
      explicitness: 'explicit',
      position: 0,
    },
  ],
  corePainPoints: 1,
  confirmation: null,
  version: 3,
  updatedAt: '2031-03-02T02:00:00.000Z',
};

const values = (over: Partial<NeedsFormValues> = {}): NeedsFormValues => ({
  ...formValuesOf(NEEDS),
  ...over,
});
const draft = (over: Partial<ItemDraft>): ItemDraft => ({
  key: 'k',
  kind: 'pain_point',
  description: 'X',
  priority: 'core',
  explicitness: 'explicit',
  ...over,
});

describe('needs form values', () => {
  it('shows minor units as amounts in the budget currency and sends them back exactly', () => {
    expect(formValuesOf(NEEDS)).toMatchObject({
      budgetMin: '80000.50',
      budgetMax: null,
      budgetCurrency: 'CNY',
    });
    const body = needsBody(3, 'S', values(), itemDraftsOf(NEEDS));
    expect(body).toMatchObject({
      version: 3,
      budgetMinMinor: 8_000_050,
      budgetMaxMinor: null,
      budgetCurrency: 'CNY',
      deadlineOn: '2031-09-30',
      items: [{ id: NEEDS.items[0]?.id, kind: 'pain_point', description: 'Slow quotes', priority: 'core' }],
    });
    expect(budgetOf({ budgetMin: '100', budgetMax: null, budgetCurrency: 'JPY' })).toEqual({
      min: 100,
      max: null,
    });
  });

  it('names what is wrong with a budget, as the server would', () => {
    expect(budgetOf({ budgetMin: '5', budgetMax: '4', budgetCurrency: 'CNY' })).toEqual({
      problems: [{ field: 'budgetMax', problem: 'budgetRange' }],
    });
    expect(budgetOf({ budgetMin: '5', budgetMax: '4', budgetCurrency: null })).toEqual({
      problems: [
        { field: 'budgetCurrency', problem: 'budgetCurrency' },
        { field: 'budgetMax', problem: 'budgetRange' },
      ],
    });
    expect(budgetOf({ budgetMin: '1.234', budgetMax: null, budgetCurrency: 'CNY' })).toEqual({
      problems: [{ field: 'budgetMin', problem: 'badAmount' }],
    });
    // No amounts: no currency is sent either.
    expect(needsBody(1, '', values({ budgetMin: null, budgetMax: null }), [])).toMatchObject({
      budgetMinMinor: null,
      budgetMaxMinor: null,
      budgetCurrency: null,
    });
  });

  it('drops blank new needs, keeps ids, and counts core pain points and core needs', () => {
    const items = [
      draft({ key: 'a', id: 'id-a', description: ' Slow quotes ' }),
      draft({ key: 'b', description: '   ' }),
      draft({ key: 'c', kind: 'goal', description: 'Grow 20 %' }),
      draft({ key: 'd', priority: 'secondary', description: 'Reports' }),
    ];
    const body = needsBody(1, '', values(), items);
    expect('items' in body && body.items).toEqual([
      {
        id: 'id-a',
        kind: 'pain_point',
        description: 'Slow quotes',
        priority: 'core',
        explicitness: 'explicit',
      },
      { kind: 'goal', description: 'Grow 20 %', priority: 'core', explicitness: 'explicit' },
      { kind: 'pain_point', description: 'Reports', priority: 'secondary', explicitness: 'explicit' },
    ]);
    expect(corePainPoints(items)).toBe(1);
    expect(coreNeedsText(items)).toBe('Slow quotes + Grow 20 %');
  });
});
