import { DownloadOutlined, DownOutlined } from '@ant-design/icons';
import { exportLeads, type LeadFilterQuery } from '@contracts/lead-import.contract';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useSession } from '../auth/use-session';

type ExportLeadsButtonProps = { filter: Partial<LeadFilterQuery>; disabled?: boolean };

/**
 * Downloads the leads matching the list's current filters as CSV or XLSX. A plain navigation, so the
 * browser streams the file to disk however large it is; the session cookie authenticates the GET.
 */
export function ExportLeadsButton({ filter, disabled }: ExportLeadsButtonProps) {
  const { t } = useTranslation();
  const me = useSession();
  if (!me.permissions.includes('leads.export')) return null;
  const download = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) {
      if (value) query.set(key, value);
    }
    query.set('format', format);
    window.location.assign(`${exportLeads.path}?${query.toString()}`);
  };
  return (
    <Dropdown
      disabled={disabled}
      trigger={['click']}
      menu={{
        items: [
          { key: 'csv', label: t('leadImport.export.csv') },
          { key: 'xlsx', label: t('leadImport.export.xlsx') },
        ],
        onClick: ({ key }) => download(key === 'xlsx' ? 'xlsx' : 'csv'),
      }}
    >
      <Button icon={<DownloadOutlined />} disabled={disabled}>
        {t('leadImport.export.button')} <DownOutlined />
      </Button>
    </Dropdown>
  );
}
