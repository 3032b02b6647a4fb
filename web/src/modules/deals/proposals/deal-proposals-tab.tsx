import { DiffOutlined, PlusOutlined } from '@ant-design/icons';
import type { ProposalSummary } from '@contracts/deal-proposals.contract';
import type { TableColumnType } from 'antd';
import { Button, Card, Flex, Form, Modal, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { ProposalComparison } from './proposal-comparison';
import { ProposalEditor } from './proposal-editor';
import { PROPOSAL_STATUS_COLORS } from './proposal-status-colors';
import { useCreateProposal, useProposals } from './use-proposals';

/** The proposals tab of a deal: its versions, the editor, the review, the customer's feedback, the comparison. */
export function DealProposalsTab({ dealId }: { dealId: string }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const formatDateTime = useFormatDateTime();
  const proposals = useProposals(dealId);
  const [openId, setOpenId] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const [comparing, setComparing] = useState(false);
  const versions = proposals.data ?? [];
  const columns = useMemo<TableColumnType<ProposalSummary>[]>(
    () => [
      {
        key: 'versionNo',
        title: t('dealProposals.versionNo'),
        width: 80,
        render: (_, p) => t('dealProposals.versionLabel', { n: p.versionNo }),
      },
      {
        key: 'title',
        title: t('dealProposals.title'),
        ellipsis: true,
        render: (_, p) => (
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(p.id)}>
            {p.title}
          </Button>
        ),
      },
      {
        key: 'status',
        title: t('dealProposals.status'),
        width: 110,
        render: (_, p) => (
          <Tag color={PROPOSAL_STATUS_COLORS[p.status]}>{t(`dealProposals.statusName.${p.status}`)}</Tag>
        ),
      },
      {
        key: 'total',
        title: t('dealProposals.total'),
        align: 'end',
        width: 150,
        render: (_, p) => formatMoney(p.totalMinor, p.currency),
      },
      {
        key: 'author',
        title: t('dealProposals.author'),
        width: 120,
        ellipsis: true,
        render: (_, p) => p.createdByName ?? t('common.empty'),
      },
      {
        key: 'reviewer',
        title: t('dealProposals.reviewer'),
        width: 120,
        ellipsis: true,
        render: (_, p) => p.reviewerName ?? t('common.empty'),
      },
      {
        key: 'updatedAt',
        title: t('dealProposals.updatedAt'),
        width: 170,
        render: (_, p) => formatDateTime(p.updatedAt),
      },
    ],
    [t, formatMoney, formatDateTime],
  );
  return (
    <Flex vertical gap={16}>
      <Flex gap={8} wrap>
        <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
          {t('dealProposals.newVersion')}
        </Button>
        <Button
          icon={<DiffOutlined />}
          disabled={versions.length < 2}
          type={comparing ? 'primary' : 'default'}
          ghost={comparing}
          onClick={() => setComparing((on) => !on)}
        >
          {t('dealProposals.compare')}
        </Button>
      </Flex>
      {proposals.isError && <ErrorAlert error={proposals.error} />}
      <Table<ProposalSummary>
        aria-label={t('dealProposals.versions')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={versions}
        loading={proposals.isPending}
        pagination={false}
        rowClassName={(p) => (p.id === openId ? 'ant-table-row-selected' : '')}
        locale={{ emptyText: t('dealProposals.empty') }}
      />
      {comparing && versions.length >= 2 && (
        <Card title={t('dealProposals.comparison.title')} size="small">
          <ProposalComparison dealId={dealId} versions={versions} />
        </Card>
      )}
      {openId && (
        <ProposalEditor key={openId} dealId={dealId} proposalId={openId} onClose={() => setOpenId(null)} />
      )}
      {creating && (
        <CreateModal
          dealId={dealId}
          versions={versions}
          onClose={() => setCreating(false)}
          onCreated={(id) => {
            setCreating(false);
            setOpenId(id);
          }}
        />
      )}
    </Flex>
  );
}

type CreateModalProps = {
  dealId: string;
  versions: ProposalSummary[];
  onClose: () => void;
  onCreated: (id: string) => void;
};

function CreateModal({ dealId, versions, onClose, onCreated }: CreateModalProps) {
  const { t } = useTranslation();
  const create = useCreateProposal(dealId);
  const handleError = useErrorHandler();
  const [copyFrom, setCopyFrom] = useState<string>(versions[0]?.id ?? '');
  return (
    <Modal
      open
      title={t('dealProposals.createTitle')}
      okText={t('dealProposals.newVersion')}
      cancelText={t('common.cancel')}
      confirmLoading={create.isPending}
      onCancel={onClose}
      onOk={() =>
        create.mutate(copyFrom ? { copyFrom } : {}, {
          onSuccess: (created) => onCreated(created.id),
          onError: (error) => handleError(error),
        })
      }
    >
      <Form layout="vertical">
        <Form.Item label={t('dealProposals.createFrom')}>
          <Select
            value={copyFrom}
            onChange={setCopyFrom}
            options={[
              { value: '', label: t('dealProposals.blank') },
              ...versions.map((v) => ({
                value: v.id,
                label: `${t('dealProposals.copyOf', { n: v.versionNo })} · ${v.title}`,
              })),
            ]}
          />
        </Form.Item>
      </Form>
      {versions.length > 0 && (
        <Typography.Text type="secondary">{t('dealProposals.createHint')}</Typography.Text>
      )}
    </Modal>
  );
}
