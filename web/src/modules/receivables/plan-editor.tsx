import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { fromMinor, minorDigits, toMinor } from '@contracts/money';
import type { PaymentPlan } from '@contracts/receivables.contract';
import { Alert, App, Button, Flex, Input, InputNumber, Modal, Space, Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { useFormatMoney } from '../leads/campaigns/use-format-money';
import { type DraftRow, draftSum, parsePercentages, splitRows } from './plan-draft';
import { useSavePlan } from './use-receivables';

type PlanEditorProps = { plan: PaymentPlan; open: boolean; onClose: () => void };

function rowsOf(plan: PaymentPlan): DraftRow[] {
  const digits = minorDigits(plan.currency);
  return plan.instalments.map((i) => ({
    id: i.id,
    title: i.title,
    dueOn: i.dueOn,
    amount: fromMinor(i.amountMinor, digits),
  }));
}

/** Edits a contract's instalments; the split helpers spread the contract amount exactly. */
export function PlanEditor({ plan, open, onClose }: PlanEditorProps) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const formatMoney = useFormatMoney();
  const save = useSavePlan(plan.contractId);
  const [rows, setRows] = useState<DraftRow[]>(() =>
    plan.instalments.length > 0 ? rowsOf(plan) : [{ title: '', dueOn: '', amount: '' }],
  );
  const [count, setCount] = useState<number>(Math.max(rows.length, 1));
  const [percentages, setPercentages] = useState('');
  const digits = minorDigits(plan.currency);
  const sum = draftSum(rows, plan.currency);
  const update = (index: number, patch: Partial<DraftRow>) =>
    setRows((all) => all.map((r, i) => (i === index ? { ...r, ...patch } : r)));
  const submit = () => {
    const instalments = rows.map((r) => ({
      ...(r.id ? { id: r.id } : {}),
      title: r.title,
      dueOn: r.dueOn,
      amountMinor: toMinor(r.amount, digits) ?? -1,
    }));
    save.mutate(
      { instalments, version: plan.version },
      {
        onSuccess: () => {
          void message.success(t('receivables.plan.saved'));
          onClose();
        },
        onError: (e) => onError(e),
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t('receivables.plan.editorTitle', { number: plan.contractNumber })}
      width={760}
      onCancel={onClose}
      onOk={submit}
      okText={t('receivables.plan.save')}
      confirmLoading={save.isPending}
      destroyOnHidden
    >
      <Flex gap={8} wrap style={{ marginBottom: 12 }}>
        <Space.Compact>
          <InputNumber
            min={1}
            max={60}
            value={count}
            onChange={(v) => setCount(v ?? 1)}
            aria-label={t('receivables.plan.rows')}
            style={{ width: 72 }}
          />
          <Button
            onClick={() =>
              setRows((all) => splitRows(all, plan.contractAmountMinor, plan.currency, Array(count).fill(1)))
            }
          >
            {t('receivables.plan.splitEvenly')}
          </Button>
        </Space.Compact>
        <Space.Compact>
          <Input
            value={percentages}
            onChange={(e) => setPercentages(e.target.value)}
            placeholder={t('receivables.plan.percentages')}
            aria-label={t('receivables.plan.percentages')}
            style={{ width: 200 }}
          />
          <Button
            onClick={() => {
              const weights = parsePercentages(percentages);
              if (!weights) {
                void message.error(t('receivables.plan.percentagesInvalid'));
                return;
              }
              setRows((all) => splitRows(all, plan.contractAmountMinor, plan.currency, weights));
            }}
          >
            {t('receivables.plan.splitByPercent')}
          </Button>
        </Space.Compact>
      </Flex>
      <Table<DraftRow & { key: number }>
        size="small"
        pagination={false}
        dataSource={rows.map((r, key) => ({ ...r, key }))}
        columns={[
          { key: 'seq', title: t('receivables.plan.seq'), width: 40, render: (_, __, i) => i + 1 },
          {
            key: 'title',
            title: t('receivables.plan.instalmentTitle'),
            render: (_, r, i) => (
              <Input
                value={r.title}
                maxLength={200}
                aria-label={t('receivables.plan.instalmentTitle')}
                onChange={(e) => update(i, { title: e.target.value })}
              />
            ),
          },
          {
            key: 'due',
            title: t('receivables.plan.dueOn'),
            width: 160,
            render: (_, r, i) => (
              <Input
                type="date"
                value={r.dueOn}
                aria-label={t('receivables.plan.dueOn')}
                onChange={(e) => update(i, { dueOn: e.target.value })}
              />
            ),
          },
          {
            key: 'amount',
            title: t('receivables.plan.amount'),
            width: 160,
            render: (_, r, i) => (
              <Input
                value={r.amount}
                inputMode="decimal"
                aria-label={t('receivables.plan.amount')}
                status={toMinor(r.amount, digits) === null ? 'error' : undefined}
                onChange={(e) => update(i, { amount: e.target.value })}
              />
            ),
          },
          {
            key: 'remove',
            width: 48,
            render: (_, __, i) => (
              <Button
                type="text"
                icon={<DeleteOutlined />}
                aria-label={t('receivables.plan.removeRow')}
                disabled={rows.length <= 1}
                onClick={() => setRows((all) => all.filter((_, j) => j !== i))}
              />
            ),
          },
        ]}
      />
      <Button
        type="dashed"
        icon={<PlusOutlined />}
        style={{ marginTop: 8 }}
        onClick={() => setRows((all) => [...all, { title: '', dueOn: all.at(-1)?.dueOn ?? '', amount: '' }])}
      >
        {t('receivables.plan.addRow')}
      </Button>
      <Typography.Paragraph style={{ marginTop: 12 }}>
        {t('receivables.plan.contractAmount')}: {formatMoney(plan.contractAmountMinor, plan.currency)}
      </Typography.Paragraph>
      {sum !== null &&
        (sum === plan.contractAmountMinor ? (
          <Alert type="success" showIcon title={t('receivables.plan.sumMatches')} />
        ) : (
          <Alert
            type="warning"
            showIcon
            title={t('receivables.plan.sumDiffers', {
              sum: formatMoney(sum, plan.currency),
              difference: formatMoney(sum - plan.contractAmountMinor, plan.currency),
            })}
          />
        ))}
    </Modal>
  );
}
