import { Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { CONTRACT_PLACEHOLDERS, placeholderText } from './contract-placeholders';

/** The placeholders a template may use, copyable, with what the server puts in their place. */
export function PlaceholderHelp() {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary">
        {t('contracts.templates.placeholdersHelp')}
      </Typography.Paragraph>
      <Table
        size="small"
        rowKey="name"
        pagination={false}
        dataSource={CONTRACT_PLACEHOLDERS.map((name) => ({ name }))}
        columns={[
          {
            key: 'name',
            title: t('contracts.templates.placeholder'),
            width: 240,
            render: (_, r) => (
              <Typography.Text code copyable>
                {placeholderText(r.name)}
              </Typography.Text>
            ),
          },
          {
            key: 'meaning',
            title: t('contracts.templates.meaning'),
            render: (_, r) => t(`contracts.templates.placeholderName.${r.name}`),
          },
        ]}
      />
    </>
  );
}
