import { PlusOutlined } from '@ant-design/icons';
import { type ContractTemplate, createTemplate } from '@contracts/contracts.contract';
import { Alert, App, Button, Flex, Switch, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorAlert } from '../../shared/error-alert';
import { PageTitle } from '../../shared/page-title';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useSession } from '../auth/use-session';
import { defaultTemplateId } from './clause-draft';
import { ContractTemplateDrawer } from './contract-template-drawer';
import { useContractTemplates, usePatchTemplate } from './use-contracts';

/** /quote-to-cash/contracts/templates: the clause templates contracts are drafted from. */
export function ContractTemplatesPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const editable = me.permissions.includes(createTemplate.permission);
  const templates = useContractTemplates();
  const patch = usePatchTemplate();
  const onError = useErrorHandler();
  const [editing, setEditing] = useState<ContractTemplate | 'new' | null>(null);
  const items = templates.data ?? [];
  const defaultId = defaultTemplateId(items);
  return (
    <Flex vertical gap={16}>
      <Link to="/quote-to-cash/contracts">{t('contracts.backToList')}</Link>
      <PageTitle
        extra={
          editable && (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setEditing('new')}>
              {t('contracts.templates.new')}
            </Button>
          )
        }
      >
        {t('contracts.templates.title')}
      </PageTitle>
      <Alert type="info" showIcon title={t('contracts.templates.intro')} />
      {templates.isError && <ErrorAlert error={templates.error} />}
      <Table<ContractTemplate>
        rowKey="id"
        size="middle"
        loading={templates.isLoading}
        dataSource={items}
        pagination={false}
        columns={[
          {
            key: 'name',
            title: t('contracts.templates.name'),
            render: (_, r) => (
              <Flex gap={8} wrap>
                <Button type="link" style={{ padding: 0 }} onClick={() => setEditing(r)}>
                  {r.name}
                </Button>
                {r.id === defaultId && <Tag color="blue">{t('contracts.templates.default')}</Tag>}
                {r.customProject && <Tag>{t('contracts.templates.customProject')}</Tag>}
              </Flex>
            ),
          },
          {
            key: 'locale',
            title: t('contracts.templates.locale'),
            width: 120,
            render: (_, r) => t(`language.${r.locale}`),
          },
          {
            key: 'clauses',
            title: t('contracts.templates.clauses'),
            width: 100,
            align: 'end',
            render: (_, r) => r.clauses.length,
          },
          {
            key: 'active',
            title: t('contracts.templates.active'),
            width: 100,
            render: (_, r) => (
              <Switch
                size="small"
                checked={r.active}
                disabled={!editable}
                loading={patch.isPending && patch.variables?.id === r.id}
                aria-label={t('contracts.templates.active')}
                onChange={(active) =>
                  patch.mutate(
                    { id: r.id, body: { version: r.version, active } },
                    { onSuccess: () => void message.success(t('common.saved')), onError: (e) => onError(e) },
                  )
                }
              />
            ),
          },
          {
            key: 'actions',
            title: '',
            width: 100,
            render: (_, r) => (
              <Button size="small" onClick={() => setEditing(r)}>
                {editable ? t('common.edit') : t('contracts.templates.open')}
              </Button>
            ),
          },
        ]}
      />
      <ContractTemplateDrawer editing={editing} editable={editable} onClose={() => setEditing(null)} />
    </Flex>
  );
}
