import { useCallback, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSession } from '../modules/auth/use-session';

/** The time zone dates are shown in: the user's own, else the company's. */
export function useTimeZone(): string {
  const me = useSession();
  return me.user.timeZone ?? me.tenant.timeZone;
}

/** Formats an ISO timestamp in the user's language and time zone; empty values become a dash. */
export function useFormatDateTime(): (iso: string | null | undefined) => string {
  const { t, i18n } = useTranslation();
  const timeZone = useTimeZone();
  const format = useMemo(
    () => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'medium', timeStyle: 'short', timeZone }),
    [i18n.language, timeZone],
  );
  return useCallback(
    (iso) => {
      if (!iso) return t('common.empty');
      const date = new Date(iso);
      return Number.isNaN(date.getTime()) ? iso : format.format(date);
    },
    [format, t],
  );
}
