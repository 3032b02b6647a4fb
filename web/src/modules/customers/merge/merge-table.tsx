import type { MergeSide } from '@contracts/record-merge.contract';
import type { TableColumnsType } from 'antd';
import { Radio, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type MergeRecord, mergedValue } from './merge-choices';

type Row = { key: string };

type MergeTableProps<R extends MergeRecord> = {
  keys: readonly string[];
  target: R;
  source: R;
  targetName: string;
  sourceName: string;
  choices: Record<string, MergeSide>;
  onChoose: (key: string, side: MergeSide) => void;
  /** Keys the caller may not take from the source (e.g. the owner without the right to reassign). */
  locked: readonly string[];
  label: (key: string) => string;
  /** A record's value of a key, in words. */
  text: (record: R, key: string) => string;
};

/** Both records side by side, a radio per differing field, and what the record that stays will hold. */
export function MergeTable<R extends MergeRecord>(props: MergeTableProps<R>) {
  const { t } = useTranslation();
  const { target, source, choices, text, label } = props;
  const cell = (record: R, side: MergeSide, name: string) => (row: Row) => {
    const value = text(record, row.key);
    const choice = choices[row.key];
    if (!choice) return <Typography.Text>{value}</Typography.Text>;
    return (
      <Radio
        checked={choice === side}
        disabled={side === 'source' && props.locked.includes(row.key)}
        onChange={() => props.onChoose(row.key, side)}
        aria-label={t('recordMerge.takeFrom', { field: label(row.key), name })}
      >
        {value}
      </Radio>
    );
  };
  const result = (row: Row) => {
    const from = choices[row.key] === 'source' ? source : target;
    const value = mergedValue(target, source, choices, row.key);
    return (
      <Typography.Text strong={Boolean(choices[row.key])}>
        {value === undefined ? t('common.empty') : text(from, row.key)}
      </Typography.Text>
    );
  };
  const columns: TableColumnsType<Row> = [
    { title: t('recordMerge.field'), key: 'field', width: 180, render: (_, r) => label(r.key) },
    {
      title: t('recordMerge.target', { name: props.targetName }),
      key: 'target',
      render: (_, r) => cell(target, 'target', props.targetName)(r),
    },
    {
      title: t('recordMerge.source', { name: props.sourceName }),
      key: 'source',
      render: (_, r) => cell(source, 'source', props.sourceName)(r),
    },
    { title: t('recordMerge.result'), key: 'result', render: (_, r) => result(r) },
  ];
  return (
    <Table<Row>
      rowKey="key"
      size="small"
      columns={columns}
      dataSource={props.keys.map((key) => ({ key }))}
      pagination={false}
    />
  );
}
