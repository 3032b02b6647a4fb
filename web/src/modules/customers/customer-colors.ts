import type { Attitude, CustomerTier, LifecycleStage } from '@contracts/customers.contract';

/** Colours that carry meaning across the customers area (Ant Design preset tag colours). */

export const TIER_COLORS: Record<CustomerTier, string> = {
  strategic: 'gold',
  growth: 'green',
  potential: 'blue',
  dormant: 'default',
};

export const LIFECYCLE_COLORS: Record<LifecycleStage, string> = {
  potential: 'blue',
  growth: 'green',
  mature: 'cyan',
  decline: 'orange',
  churned: 'red',
};

export const ATTITUDE_COLORS: Record<Attitude, string> = {
  supporter: 'green',
  neutral: 'blue',
  opponent: 'red',
  unknown: 'default',
};

/** The same attitudes as fills for the relationship graph (hex: a chart does not read tag presets). */
export const ATTITUDE_FILLS: Record<Attitude, string> = {
  supporter: '#52c41a',
  neutral: '#1677ff',
  opponent: '#ff4d4f',
  unknown: '#bfbfbf',
};
