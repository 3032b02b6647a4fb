import { describe, expect, it } from 'vitest';
import { lifecycleActions, termInverted, termPatch } from './contract-lifecycle';

describe('contract lifecycle actions', () => {
  const can = {
    edit: false,
    review: false,
    send: false,
    countersign: false,
    editTerm: false,
    complete: false,
    terminate: false,
    paperSign: false,
  };

  it("follows the server's flags: complete, terminate and the term dates each on their own", () => {
    expect(lifecycleActions({ can: { ...can, complete: true } })).toEqual({
      complete: true,
      terminate: false,
      editDates: false,
      editTitle: false,
    });
    expect(lifecycleActions({ can: { ...can, terminate: true, editTerm: true } })).toMatchObject({
      terminate: true,
      editDates: true,
    });
  });

  it('lets the title change only where the contract is editable (a draft)', () => {
    expect(lifecycleActions({ can: { ...can, editTerm: true } }).editTitle).toBe(false);
    expect(lifecycleActions({ can: { ...can, edit: true, editTerm: true } }).editTitle).toBe(true);
  });
});

describe('contract term patch', () => {
  const contract = {
    title: 'ERP rollout',
    startsOn: '2026-01-01',
    endsOn: null,
    deliveryDueOn: '2026-03-01',
    version: 5,
  };

  it('sends only the changed fields with the version read, a cleared date as null', () => {
    expect(
      termPatch(contract, {
        title: 'ERP rollout',
        startsOn: '2026-01-01',
        endsOn: '2026-12-31',
        deliveryDueOn: null,
      }),
    ).toEqual({ version: 5, endsOn: '2026-12-31', deliveryDueOn: null });
  });

  it('sends a changed title trimmed, and no title when it is unchanged or blank', () => {
    expect(termPatch(contract, { ...contract, title: ' ERP phase 2 ' })).toEqual({
      version: 5,
      title: 'ERP phase 2',
    });
    expect(termPatch(contract, { ...contract, title: '  ' })).toEqual({ version: 5 });
  });

  it('knows an end before the start', () => {
    expect(termInverted({ startsOn: '2026-02-01', endsOn: '2026-01-31' })).toBe(true);
    expect(termInverted({ startsOn: '2026-02-01', endsOn: null })).toBe(false);
  });
});
