import { Alert, Button } from 'antd';
import { useTranslation } from 'react-i18next';

/**
 * Shown when a save met a newer version (412 version_conflict): the user's edits stay in the form until they
 * choose to reload the other person's version.
 */
export function VersionConflictAlert({ onReload, loading }: { onReload: () => void; loading: boolean }) {
  const { t } = useTranslation();
  return (
    <Alert
      type="warning"
      showIcon
      title={t('quoteToCash.settings.conflict')}
      action={
        <Button size="small" loading={loading} onClick={onReload}>
          {t('quoteToCash.settings.reload')}
        </Button>
      }
    />
  );
}
