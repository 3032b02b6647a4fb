import { ArrowLeftOutlined, SwapOutlined } from '@ant-design/icons';
import { type Lead, MERGE_FIELDS } from '@contracts/leads.contract';
import type { TableColumnsType } from 'antd';
import { Alert, App, Button, Card, Flex, Radio, Space, Table, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorHandler } from '../../../../shared/use-error-handler';
import { leadName } from '../../list/lead-name';
import { useCampaignNames } from '../use-campaign-names';
import { useMergeLeads } from '../use-lead';
import { initialChoices, type MergeField, type Side, takeOf } from './merge-choices';
import { useMergeValueText } from './use-merge-value-text';

type Row = { field: MergeField };

/** Owner and team come from the other lead only for holders of leads.assign (the server checks it too). */
const ASSIGN_FIELDS: readonly MergeField[] = ['ownerId', 'teamId'];

type MergeFormProps = { keep: Lead; other: Lead };

/** The field-by-field choice and the merge itself, for two leads as read (remounted when either changes). */
export function MergeForm({ keep, other }: MergeFormProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const merge = useMergeLeads();
  const handleError = useErrorHandler();
  const text = useMergeValueText();
  const campaigns = useCampaignNames([keep.campaignId, other.campaignId]);
  const canAssign = keep.can.assign;
  const [choices, setChoices] = useState(() => {
    const initial = initialChoices(keep, other);
    if (!canAssign) for (const f of ASSIGN_FIELDS) if (initial[f]) initial[f] = 'this';
    return initial;
  });
  const empty = t('common.empty');
  const rows = useMemo<Row[]>(() => MERGE_FIELDS.map((field) => ({ field })), []);
  const choose = (field: MergeField, side: Side) => setChoices((c) => ({ ...c, [field]: side }));

  const cell = (lead: Lead, side: Side) => (row: Row) => {
    const value =
      row.field === 'campaignId' && lead.campaignId
        ? (campaigns.get(lead.campaignId) ?? lead.campaignId)
        : text(lead, row.field);
    const choice = choices[row.field];
    if (!choice) return <Typography.Text>{value}</Typography.Text>;
    const locked = !canAssign && ASSIGN_FIELDS.includes(row.field);
    return (
      <Radio
        checked={choice === side}
        disabled={locked && side === 'other'}
        onChange={() => choose(row.field, side)}
        aria-label={t('leadScreens.merge.takeFrom', {
          field: text.field(row.field),
          lead: side === 'this' ? t('leadScreens.merge.keep') : t('leadScreens.merge.other'),
        })}
      >
        {value}
      </Radio>
    );
  };
  const columns: TableColumnsType<Row> = [
    { title: t('leadScreens.merge.field'), key: 'field', width: 180, render: (_, r) => text.field(r.field) },
    {
      title: t('leadScreens.merge.keepColumn', { name: leadName(keep, empty) }),
      key: 'this',
      render: (_, r) => cell(keep, 'this')(r),
    },
    {
      title: t('leadScreens.merge.otherColumn', { name: leadName(other, empty) }),
      key: 'other',
      render: (_, r) => cell(other, 'other')(r),
    },
  ];
  const closed =
    keep.status === 'converted' || other.status === 'converted' || !keep.can.edit || !other.can.edit;
  const submit = () =>
    merge.mutate(
      {
        id: keep.id,
        otherId: other.id,
        version: keep.version,
        otherVersion: other.version,
        take: takeOf(choices),
      },
      {
        onSuccess: (lead) => {
          void message.success(t('leadScreens.merge.done'));
          void navigate(`/leads/${lead.id}`, { replace: true });
        },
        onError: (error) => handleError(error),
      },
    );

  return (
    <>
      <Link to={`/leads/${keep.id}`}>
        <ArrowLeftOutlined /> {t('leadScreens.merge.back')}
      </Link>
      <Flex justify="space-between" align="center" wrap gap={8} style={{ margin: '8px 0 16px' }}>
        <Typography.Title level={2} style={{ margin: 0 }}>
          {t('leadScreens.merge.title')}
        </Typography.Title>
        <Button icon={<SwapOutlined />} onClick={() => navigate(`/leads/${other.id}/merge/${keep.id}`)}>
          {t('leadScreens.merge.swap')}
        </Button>
      </Flex>
      <Alert
        type="info"
        showIcon
        style={{ marginBottom: 16 }}
        title={t('leadScreens.merge.summary', { keep: leadName(keep, empty), other: leadName(other, empty) })}
        description={
          <ul style={{ margin: 0, paddingInlineStart: 20 }}>
            <li>{t('leadScreens.merge.keepsHistory')}</li>
            <li>{t('leadScreens.merge.keepsNotes')}</li>
            <li>{t('leadScreens.merge.removesOther')}</li>
          </ul>
        }
      />
      {closed && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('leadScreens.merge.notAllowed')}
        />
      )}
      <Card size="small">
        <Table<Row> rowKey="field" size="small" columns={columns} dataSource={rows} pagination={false} />
        <Space style={{ marginTop: 16 }}>
          <Button type="primary" disabled={closed} loading={merge.isPending} onClick={submit}>
            {t('leadScreens.merge.submit')}
          </Button>
          <Button onClick={() => navigate(`/leads/${keep.id}`)}>{t('common.cancel')}</Button>
        </Space>
      </Card>
    </>
  );
}
