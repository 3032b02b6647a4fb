import { ContractSettingsInput } from '@contracts/contracts.contract';
import { describe, expect, it } from 'vitest';
import { contractSettingsForm, contractSettingsInput } from './contract-settings-form';

describe('contract settings form', () => {
  it('round-trips every setting into a PUT body the contract accepts, with the version read', () => {
    const stored = {
      numberPattern: 'HT-{YYYY}-{0000}',
      defaultDeliveryUserId: '0190c2a0-0000-7000-8000-000000000002',
      signingDays: 21,
      version: 2,
    };
    const body = contractSettingsInput(contractSettingsForm(stored), stored.version);
    expect(ContractSettingsInput.parse(body)).toEqual(stored);
  });

  it('sends a cleared delivery user as null and a trimmed pattern', () => {
    const values = { numberPattern: ' HT{YY}-{000} ', defaultDeliveryUserId: undefined, signingDays: 14 };
    expect(contractSettingsInput(values, 0)).toEqual({
      version: 0,
      numberPattern: 'HT{YY}-{000}',
      defaultDeliveryUserId: null,
      signingDays: 14,
    });
  });
});
