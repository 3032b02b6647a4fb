import type { Customer } from '@contracts/customers.contract';
import { describe, expect, it } from 'vitest';
import { changedBody, formValuesOf, profileBody } from './customer-form-values';

const customer: Customer = {
  id: '0190d5a0-0000-7000-8000-000000000001',
  name: '云帆',
  legalName: '上海云帆科技有限公司',
  industry: null,
  companySize: null,
  region: '华东',
  phone: null,
  website: null,
  creditCode: null,
  taxId: null,
  parentId: null,
  tags: ['预算敏感型'],
  ownerId: '0190d5a0-0000-7000-8000-000000000002',
  ownerName: 'Li',
  teamId: null,
  teamName: null,
  lifecycleStage: null,
  tier: null,
  healthScore: null,
  atRisk: false,
  lastActivityAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  version: 3,
  address: null,
  notes: '',
  source: null,
  campaignId: null,
  parentName: null,
  sharedWith: [],
  duplicates: [],
  children: [],
  custom: {},
  can: { edit: true, assign: false, delete: false },
};

describe('customer form values', () => {
  it('sends empty text as no value', () => {
    expect(profileBody({ name: ' Acme ', tags: [], region: '  ', phone: '13812345678' })).toMatchObject({
      name: 'Acme',
      region: null,
      phone: '13812345678',
      parentId: null,
    });
  });

  it('sends only the fields that changed', () => {
    const values = { ...formValuesOf(customer), region: '华南', tags: ['预算敏感型', '技术驱动型'] };
    expect(changedBody(customer, values, false)).toEqual({
      region: '华南',
      tags: ['预算敏感型', '技术驱动型'],
    });
    expect(changedBody(customer, formValuesOf(customer), true)).toEqual({});
  });

  it('reads a cleared owner picker as no owner, only where the picker is shown', () => {
    const cleared = { ...formValuesOf(customer), ownerId: undefined };
    expect(changedBody(customer, cleared, true)).toEqual({ ownerId: null });
    expect(changedBody(customer, cleared, false)).toEqual({});
  });
});
