import type { TableColumnsType } from 'antd';
import { Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';

type Suggested = Record<string, { field: string; origin: 'saved' | 'synonym' }>;

type ColumnRow = { index: number; header: string; samples: string[]; origin: 'saved' | 'synonym' | null };

/**
 * The column → field choice of a mapping step, starting from the suggested mapping. A field fills one
 * column: choosing it for a column takes it from the column that had it.
 */
export function useColumnMapping<F extends string>(suggested: Suggested) {
  const [mapping, setMapping] = useState<Record<number, F | null>>(() =>
    Object.fromEntries(Object.entries(suggested).map(([i, s]) => [Number(i), s.field as F])),
  );
  const choose = (index: number, field: F | null) =>
    setMapping((current) => {
      const next: Record<number, F | null> = {};
      for (const [i, f] of Object.entries(current)) next[Number(i)] = field && f === field ? null : f;
      next[index] = field;
      return next;
    });
  return [mapping, choose] as const;
}

type ColumnMappingTableProps<F extends string> = {
  imp: { headers: string[]; preview: string[][]; suggestedMapping: Suggested };
  mapping: Record<number, F | null>;
  onChoose: (index: number, field: F | null) => void;
  /** The fields a column can fill, labelled. */
  fields: { value: F; label: string }[];
};

/** Each column of the file with its first values and the field it fills. */
export function ColumnMappingTable<F extends string>({
  imp,
  mapping,
  onChoose,
  fields,
}: ColumnMappingTableProps<F>) {
  const { t } = useTranslation();
  const rows: ColumnRow[] = useMemo(
    () =>
      imp.headers.map((header, index) => ({
        index,
        header,
        samples: imp.preview.map((r) => r[index] ?? '').filter((v) => v.trim() !== ''),
        origin: imp.suggestedMapping[String(index)]?.origin ?? null,
      })),
    [imp],
  );
  const options = [{ value: '', label: t('leadImport.mapping.skip') }, ...fields];

  const columns: TableColumnsType<ColumnRow> = [
    {
      title: t('leadImport.mapping.column'),
      key: 'header',
      width: 220,
      render: (_, row) => (
        <Space size={4} wrap>
          <Typography.Text strong>
            {row.header || t('leadImport.mapping.unnamed', { number: row.index + 1 })}
          </Typography.Text>
          {row.origin && mapping[row.index] && (
            <Tag color={row.origin === 'saved' ? 'blue' : 'green'}>
              {t(row.origin === 'saved' ? 'leadImport.mapping.saved' : 'leadImport.mapping.recognised')}
            </Tag>
          )}
        </Space>
      ),
    },
    {
      title: t('leadImport.mapping.samples'),
      key: 'samples',
      ellipsis: true,
      render: (_, row) => (
        <Typography.Text type="secondary">
          {row.samples.slice(0, 3).join(' · ') || t('common.empty')}
        </Typography.Text>
      ),
    },
    {
      title: t('leadImport.mapping.field'),
      key: 'field',
      width: 240,
      render: (_, row) => (
        <Select<string>
          value={mapping[row.index] ?? ''}
          options={options}
          onChange={(value) => onChoose(row.index, value ? (value as F) : null)}
          showSearch={{ optionFilterProp: 'label' }}
          style={{ width: '100%' }}
          aria-label={row.header}
        />
      ),
    },
  ];

  return (
    <Table<ColumnRow>
      rowKey="index"
      size="small"
      columns={columns}
      dataSource={rows}
      pagination={false}
      scroll={{ x: 'max-content', y: 420 }}
    />
  );
}
