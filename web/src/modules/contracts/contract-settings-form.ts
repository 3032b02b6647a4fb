import type { ContractSettings, ContractSettingsInput } from '@contracts/contracts.contract';
import type { z } from 'zod';

/** The contract settings form (a cleared user select gives undefined) and its PUT body. */

export type ContractSettingsFormValues = {
  numberPattern: string;
  defaultDeliveryUserId: string | undefined;
  signingDays: number;
};

export function contractSettingsForm(settings: ContractSettings): ContractSettingsFormValues {
  return {
    numberPattern: settings.numberPattern,
    defaultDeliveryUserId: settings.defaultDeliveryUserId ?? undefined,
    signingDays: settings.signingDays,
  };
}

export function contractSettingsInput(
  values: ContractSettingsFormValues,
  version: number,
): z.input<typeof ContractSettingsInput> {
  return {
    version,
    numberPattern: values.numberPattern.trim(),
    defaultDeliveryUserId: values.defaultDeliveryUserId || null,
    signingDays: values.signingDays,
  };
}
