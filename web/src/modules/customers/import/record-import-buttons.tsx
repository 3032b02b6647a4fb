import { DownloadOutlined, DownOutlined, UploadOutlined } from '@ant-design/icons';
import { exportContacts, exportCustomers, type RecordImportObject } from '@contracts/record-import.contract';
import { Button, Dropdown } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';

type RecordImportButtonsProps = {
  object: RecordImportObject;
  /** The list's filters in their query-string form, exported as they are. */
  filter: Record<string, string | undefined>;
};

const IMPORT_PAGE: Record<RecordImportObject, string> = {
  customer: '/customers/import',
  contact: '/customers/contacts/import',
};

/**
 * Import (the wizard) and export (the records matching the list's current filters, as CSV or XLSX) of a
 * customer or contact list. The export is a plain navigation, so the browser streams the file to disk however
 * large it is; the session cookie authenticates the GET.
 */
export function RecordImportButtons({ object, filter }: RecordImportButtonsProps) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const download = (format: 'csv' | 'xlsx') => {
    const query = new URLSearchParams();
    for (const [key, value] of Object.entries(filter)) if (value) query.set(key, value);
    query.set('format', format);
    const path = object === 'customer' ? exportCustomers.path : exportContacts.path;
    window.location.assign(`${path}?${query.toString()}`);
  };
  return (
    <>
      <Button icon={<UploadOutlined />} onClick={() => void navigate(IMPORT_PAGE[object])}>
        {t('recordImport.importButton')}
      </Button>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'csv', label: t('leadImport.export.csv') },
            { key: 'xlsx', label: t('leadImport.export.xlsx') },
          ],
          onClick: ({ key }) => download(key === 'xlsx' ? 'xlsx' : 'csv'),
        }}
      >
        <Button icon={<DownloadOutlined />}>
          {t('leadImport.export.button')} <DownOutlined />
        </Button>
      </Dropdown>
    </>
  );
}
