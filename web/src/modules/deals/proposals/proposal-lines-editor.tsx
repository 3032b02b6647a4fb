import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { lineTotalMinor, MAX_PROPOSAL_LINES } from '@contracts/deal-proposals.contract';
import type { TableColumnType } from 'antd';
import { Button, Input, InputNumber, Table, Typography } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { MinorAmountInput } from './minor-amount-input';
import { type DraftLine, newLineKey } from './proposal-draft';

type Props = {
  lines: DraftLine[];
  currency: string;
  readOnly: boolean;
  onChange: (lines: DraftLine[]) => void;
};

/** The configuration and pricing lines with their totals, computed live exactly as the server does. */
export function ProposalLinesEditor({ lines, currency, readOnly, onChange }: Props) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const total = lines.reduce((sum, line) => sum + lineTotalMinor(line), 0);
  const columns = useMemo<TableColumnType<DraftLine>[]>(() => {
    const patch = (key: string, change: Partial<DraftLine>) =>
      onChange(lines.map((line) => (line.key === key ? { ...line, ...change } : line)));
    return [
      {
        key: 'description',
        title: t('dealProposals.lines.description'),
        render: (_, line) => (
          <Input
            aria-label={t('dealProposals.lines.description')}
            maxLength={500}
            value={line.description}
            disabled={readOnly}
            onChange={(e) => patch(line.key, { description: e.target.value })}
          />
        ),
      },
      {
        key: 'quantity',
        title: t('dealProposals.lines.quantity'),
        width: 110,
        render: (_, line) => (
          <InputNumber<number>
            aria-label={t('dealProposals.lines.quantity')}
            style={{ width: '100%' }}
            min={0.001}
            max={100_000}
            precision={3}
            value={line.quantity}
            disabled={readOnly}
            onChange={(quantity) => patch(line.key, { quantity: quantity ?? 1 })}
          />
        ),
      },
      {
        key: 'unitPrice',
        title: t('dealProposals.lines.unitPrice'),
        width: 150,
        render: (_, line) => (
          <MinorAmountInput
            aria-label={t('dealProposals.lines.unitPrice')}
            currency={currency}
            value={line.unitPriceMinor}
            disabled={readOnly}
            onChange={(unitPriceMinor) => patch(line.key, { unitPriceMinor })}
          />
        ),
      },
      {
        key: 'discount',
        title: t('dealProposals.lines.discount'),
        width: 110,
        render: (_, line) => (
          <InputNumber<number>
            aria-label={t('dealProposals.lines.discount')}
            style={{ width: '100%' }}
            min={0}
            max={100}
            precision={2}
            value={line.discountPercent}
            disabled={readOnly}
            onChange={(discountPercent) => patch(line.key, { discountPercent: discountPercent ?? 0 })}
          />
        ),
      },
      {
        key: 'total',
        title: t('dealProposals.lines.lineTotal'),
        align: 'end',
        width: 150,
        render: (_, line) => formatMoney(lineTotalMinor(line), currency),
      },
      ...(readOnly
        ? []
        : [
            {
              key: 'remove',
              width: 48,
              render: (_: unknown, line: DraftLine) => (
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('dealProposals.lines.remove')}
                  onClick={() => onChange(lines.filter((l) => l.key !== line.key))}
                />
              ),
            },
          ]),
    ];
  }, [t, lines, currency, readOnly, onChange, formatMoney]);
  return (
    <>
      <Table<DraftLine>
        aria-label={t('dealProposals.lines.title')}
        size="small"
        rowKey="key"
        columns={columns}
        dataSource={lines}
        pagination={false}
        locale={{ emptyText: t('dealProposals.lines.empty') }}
        summary={() => (
          <Table.Summary.Row>
            <Table.Summary.Cell index={0} colSpan={4}>
              <Typography.Text strong>{t('dealProposals.lines.total')}</Typography.Text>
            </Table.Summary.Cell>
            <Table.Summary.Cell index={4} align="end">
              <Typography.Text strong>{formatMoney(total, currency)}</Typography.Text>
            </Table.Summary.Cell>
          </Table.Summary.Row>
        )}
      />
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {t('dealProposals.lines.rounding')}
      </Typography.Paragraph>
      {!readOnly && (
        <Button
          icon={<PlusOutlined />}
          disabled={lines.length >= MAX_PROPOSAL_LINES}
          onClick={() =>
            onChange([
              ...lines,
              { key: newLineKey(), description: '', quantity: 1, unitPriceMinor: 0, discountPercent: 0 },
            ])
          }
        >
          {t('dealProposals.lines.add')}
        </Button>
      )}
    </>
  );
}
