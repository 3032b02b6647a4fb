import type { ComparedVersion, ProposalLine, ProposalSummary } from '@contracts/deal-proposals.contract';
import type { TableColumnType } from 'antd';
import { Flex, Select, Table, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useFormatMoney } from '../../leads/campaigns/use-format-money';
import { PROPOSAL_STATUS_COLORS } from './proposal-status-colors';
import { useProposalComparison } from './use-proposals';

type Aspect = { key: string; label: string; cell: (v: ComparedVersion) => ReactNode };
type Row = { key: string; label: string; cells: Record<string, ReactNode> };

const names = (lines: readonly ProposalLine[]) => lines.map((l) => l.description).join('、');

/** The proposal comparison table (销售方案对比表): versions side by side, what changed, feedback and status. */
export function ProposalComparison({ dealId, versions }: { dealId: string; versions: ProposalSummary[] }) {
  const { t } = useTranslation();
  const formatMoney = useFormatMoney();
  const [ids, setIds] = useState<string[]>([]);
  const comparison = useProposalComparison(dealId, ids, true);
  const items = comparison.data ?? [];
  const aspects = useMemo<Aspect[]>(() => {
    const empty = t('common.empty');
    return [
      {
        key: 'status',
        label: t('dealProposals.status'),
        cell: (v) => (
          <Tag color={PROPOSAL_STATUS_COLORS[v.status]}>{t(`dealProposals.statusName.${v.status}`)}</Tag>
        ),
      },
      { key: 'total', label: t('dealProposals.total'), cell: (v) => formatMoney(v.totalMinor, v.currency) },
      {
        key: 'change',
        label: t('dealProposals.comparison.change'),
        cell: (v) => {
          if (!v.changes)
            return <Typography.Text type="secondary">{t('dealProposals.comparison.first')}</Typography.Text>;
          const { added, removed, changed, milestonesChanged } = v.changes;
          const parts: string[] = [];
          if (v.totalChangeMinor) {
            parts.push(
              `${v.totalChangeMinor > 0 ? '+' : '−'}${formatMoney(Math.abs(v.totalChangeMinor), v.currency)}`,
            );
          }
          if (added.length > 0) parts.push(t('dealProposals.comparison.added', { items: names(added) }));
          if (removed.length > 0)
            parts.push(t('dealProposals.comparison.removed', { items: names(removed) }));
          if (changed.length > 0) {
            parts.push(
              t('dealProposals.comparison.changed', {
                items: changed
                  .map(
                    (c) =>
                      `${c.after.description} (${c.fields
                        .map((f) =>
                          f === 'description' ||
                          f === 'quantity' ||
                          f === 'unitPriceMinor' ||
                          f === 'discountPercent'
                            ? t(`dealProposals.comparison.fields.${f}`)
                            : f,
                        )
                        .join(', ')})`,
                  )
                  .join('、'),
              }),
            );
          }
          if (added.length + removed.length + changed.length === 0)
            parts.push(t('dealProposals.comparison.noChange'));
          if (milestonesChanged) parts.push(t('dealProposals.comparison.milestonesChanged'));
          return (
            <Flex vertical gap={2}>
              {parts.map((part) => (
                <span key={part}>{part}</span>
              ))}
            </Flex>
          );
        },
      },
      { key: 'lines', label: t('dealProposals.comparison.lines'), cell: (v) => v.lineCount },
      {
        key: 'unanswered',
        label: t('dealProposals.comparison.unanswered'),
        cell: (v) => <Tag color={v.unansweredPainPoints > 0 ? 'red' : 'green'}>{v.unansweredPainPoints}</Tag>,
      },
      {
        key: 'roi',
        label: t('dealProposals.comparison.roi'),
        cell: (v) =>
          v.roi
            ? [
                v.roi.paybackMonths === null
                  ? null
                  : t('dealProposals.roi.paybackMonths', { n: v.roi.paybackMonths }),
                v.roi.threeYearRoiPercent === null ? null : `${v.roi.threeYearRoiPercent}%`,
              ]
                .filter(Boolean)
                .join(' · ') || empty
            : empty,
      },
      {
        key: 'feedback',
        label: t('dealProposals.comparison.feedback'),
        cell: (v) =>
          v.feedback.length === 0 ? (
            empty
          ) : (
            <Flex vertical gap={4}>
              {v.feedback.map((f) => (
                <span key={f.id}>
                  <Tag>{t(`dealProposals.feedback.kind.${f.kind}`)}</Tag>
                  {f.body}
                  {f.status === 'addressed' && (
                    <Tag color="green">{t('dealProposals.feedback.statusName.addressed')}</Tag>
                  )}
                </span>
              ))}
            </Flex>
          ),
      },
      {
        key: 'reviews',
        label: t('dealProposals.comparison.reviews'),
        cell: (v) =>
          v.reviews.length === 0 ? (
            empty
          ) : (
            <Flex vertical gap={4}>
              {v.reviews.map((r) => (
                <span key={r.id}>
                  <Tag color={r.decision === 'approved' ? 'green' : 'orange'}>
                    {t(`dealProposals.review.decision.${r.decision}`)}
                  </Tag>
                  {r.reviewerName ? `${r.reviewerName}: ` : ''}
                  {r.comment}
                </span>
              ))}
            </Flex>
          ),
      },
    ];
  }, [t, formatMoney]);
  const rows: Row[] = aspects.map((a) => ({
    key: a.key,
    label: a.label,
    cells: Object.fromEntries(items.map((v) => [v.id, a.cell(v)])),
  }));
  const columns: TableColumnType<Row>[] = [
    {
      key: 'aspect',
      title: t('dealProposals.comparison.aspect'),
      width: 150,
      fixed: 'start',
      render: (_, r) => r.label,
    },
    ...items.map(
      (v): TableColumnType<Row> => ({
        key: v.id,
        title: `${t('dealProposals.versionLabel', { n: v.versionNo })} · ${v.title}`,
        width: 260,
        render: (_, r) => r.cells[v.id],
      }),
    ),
  ];
  return (
    <Flex vertical gap={12}>
      <Select
        mode="multiple"
        allowClear
        style={{ maxWidth: 520 }}
        aria-label={t('dealProposals.comparison.pick')}
        placeholder={t('dealProposals.comparison.pick')}
        value={ids}
        onChange={setIds}
        options={[...versions]
          .sort((a, b) => a.versionNo - b.versionNo)
          .map((v) => ({
            value: v.id,
            label: `${t('dealProposals.versionLabel', { n: v.versionNo })} · ${v.title}`,
          }))}
      />
      {comparison.isError && <ErrorAlert error={comparison.error} />}
      <Table<Row>
        aria-label={t('dealProposals.comparison.title')}
        size="small"
        bordered
        rowKey="key"
        columns={columns}
        dataSource={rows}
        loading={comparison.isPending}
        pagination={false}
        scroll={{ x: 'max-content' }}
      />
    </Flex>
  );
}
