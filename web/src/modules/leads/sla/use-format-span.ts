import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';

/** A span of time in words at the precision a manager needs: "2 d 3 h", "5 h 12 min", "40 min". */
export function useFormatSpan(): (ms: number) => string {
  const { t } = useTranslation();
  return useCallback(
    (ms: number) => {
      const minutes = Math.max(0, Math.floor(ms / 60_000));
      const days = Math.floor(minutes / 1440);
      const hours = Math.floor((minutes % 1440) / 60);
      if (days > 0) return t('leadRouting.sla.duration.days', { days, hours });
      if (hours > 0) return t('leadRouting.sla.duration.hours', { hours, minutes: minutes % 60 });
      return t('leadRouting.sla.duration.minutes', { minutes });
    },
    [t],
  );
}
