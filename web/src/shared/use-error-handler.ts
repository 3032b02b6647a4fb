import { useQueryClient } from '@tanstack/react-query';
import type { FormInstance } from 'antd';
import { App } from 'antd';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, isVersionConflict, NetworkError } from '../api/api-error';

function toNamePath(path: string): (string | number)[] {
  return path
    .split(/[.[\]/]+/)
    .filter(Boolean)
    .map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

/**
 * Shows a failed call to the user: the server's translated `detail`, field errors on the form when given,
 * and on a version conflict a refetch so the user sees what the other person changed.
 */
export function useErrorHandler(): (error: unknown, form?: FormInstance) => void {
  const { message } = App.useApp();
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  return useCallback(
    (error: unknown, form?: FormInstance) => {
      if (!(error instanceof ApiError)) {
        void message.error(t(error instanceof NetworkError ? 'errors.network' : 'errors.unexpected'));
        return;
      }
      const problem = error.problem;
      if (isVersionConflict(error)) {
        void queryClient.invalidateQueries();
        void message.warning(t('errors.versionConflict'));
        return;
      }
      if (form && problem?.errors?.length) {
        form.setFields(problem.errors.map((e) => ({ name: toNamePath(e.path), errors: [e.detail] })));
      }
      void message.error(problem?.detail ?? t('errors.unexpected'));
    },
    [message, t, queryClient],
  );
}
