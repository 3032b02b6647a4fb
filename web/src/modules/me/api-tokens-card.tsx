import { PlusOutlined } from '@ant-design/icons';
import type { ApiToken } from '@contracts/auth.contract';
import type { TableColumnsType } from 'antd';
import { Button, Card, Popconfirm, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../shared/error-alert';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { CreateTokenModal } from './create-token-modal';
import { useRevokeToken, useTokens } from './use-tokens';

export function ApiTokensCard() {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const tokens = useTokens();
  const revoke = useRevokeToken();
  const handleError = useErrorHandler();
  const formatDateTime = useFormatDateTime();
  const columns: TableColumnsType<ApiToken> = [
    { title: t('fields.name'), dataIndex: 'name' },
    {
      title: t('tokens.scopes'),
      dataIndex: 'scopes',
      render: (scopes: ApiToken['scopes']) => scopes.map((s) => <Tag key={s}>{t(`tokens.scope.${s}`)}</Tag>),
    },
    { title: t('tokens.createdAt'), dataIndex: 'createdAt', render: formatDateTime },
    {
      title: t('tokens.lastUsedAt'),
      dataIndex: 'lastUsedAt',
      render: (v: string | null) => (v ? formatDateTime(v) : t('common.never')),
    },
    { title: t('tokens.expiresAt'), dataIndex: 'expiresAt', render: formatDateTime },
    {
      title: t('tokens.status'),
      key: 'status',
      render: (_, token) =>
        token.revokedAt ? <Tag>{t('tokens.revoked')}</Tag> : <Tag color="green">{t('tokens.active')}</Tag>,
    },
    {
      title: t('common.actions'),
      key: 'actions',
      render: (_, token) =>
        token.revokedAt ? null : (
          <Popconfirm
            title={t('tokens.revokeConfirm')}
            okText={t('tokens.revoke')}
            cancelText={t('common.cancel')}
            okButtonProps={{ danger: true }}
            onConfirm={() => revoke.mutateAsync(token.id).catch((error: unknown) => handleError(error))}
          >
            <Button type="link" danger size="small">
              {t('tokens.revoke')}
            </Button>
          </Popconfirm>
        ),
    },
  ];
  return (
    <Card
      title={t('tokens.title')}
      extra={
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('tokens.create')}
        </Button>
      }
    >
      <Typography.Paragraph type="secondary">{t('tokens.intro')}</Typography.Paragraph>
      {tokens.isError && <ErrorAlert error={tokens.error} />}
      <Table<ApiToken>
        rowKey="id"
        columns={columns}
        dataSource={tokens.data}
        loading={tokens.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
      <CreateTokenModal open={creating} onClose={() => setCreating(false)} />
    </Card>
  );
}
