import type { TFunction } from 'i18next';
import { splitDuration } from './sla-state';

/** A span in the two largest units that matter: "2 d 3 h", "5 h 12 min", "12 min". */
export function formatDuration(ms: number, t: TFunction): string {
  const { days, hours, minutes } = splitDuration(ms);
  if (days > 0) return t('leadScreens.duration.daysHours', { days, hours });
  if (hours > 0) return t('leadScreens.duration.hoursMinutes', { hours, minutes });
  if (minutes > 0) return t('leadScreens.duration.minutes', { minutes });
  return t('leadScreens.duration.underMinute');
}
