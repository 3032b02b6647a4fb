import { SettingOutlined } from '@ant-design/icons';
import { Button, Checkbox, Flex, Popover } from 'antd';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  CUSTOMER_COLUMNS,
  type CustomerColumn,
  DEFAULT_CUSTOMER_COLUMNS,
  useColumnTitle,
} from './customer-columns';

const STORAGE_KEY = 'closeloop.customerList.columns';

function readStored(): CustomerColumn[] {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(STORAGE_KEY) ?? 'null');
    if (Array.isArray(parsed)) {
      const known = CUSTOMER_COLUMNS.filter((c) => parsed.includes(c));
      if (known.length > 0) return known;
    }
  } catch {
    // Unreadable or disabled storage: the default columns.
  }
  return [...DEFAULT_CUSTOMER_COLUMNS];
}

/** The columns chosen on this browser. */
export function useCustomerColumnChoice(): [CustomerColumn[], (columns: CustomerColumn[]) => void] {
  const [columns, setColumns] = useState(readStored);
  const store = useCallback((next: CustomerColumn[]) => {
    setColumns(next);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(next));
    } catch {
      // Storage can be disabled (private mode); the choice then lasts for this page only.
    }
  }, []);
  return [columns, store];
}

type CustomerColumnChooserProps = {
  value: readonly CustomerColumn[];
  onChange: (columns: CustomerColumn[]) => void;
};

/** Which columns the list shows; they keep the list's own order, and the name always stays. */
export function CustomerColumnChooser({ value, onChange }: CustomerColumnChooserProps) {
  const { t } = useTranslation();
  const titleOf = useColumnTitle();
  const chosen = new Set(value);
  const toggle = (column: CustomerColumn, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(column);
    else next.delete(column);
    onChange(CUSTOMER_COLUMNS.filter((c) => next.has(c) || c === 'name'));
  };
  const content = (
    <Flex vertical gap={4} style={{ maxHeight: 360, overflowY: 'auto' }}>
      {CUSTOMER_COLUMNS.map((column) => (
        <Checkbox
          key={column}
          checked={chosen.has(column) || column === 'name'}
          disabled={column === 'name'}
          onChange={(e) => toggle(column, e.target.checked)}
        >
          {titleOf(column)}
        </Checkbox>
      ))}
      <Button size="small" type="link" onClick={() => onChange([...DEFAULT_CUSTOMER_COLUMNS])}>
        {t('customers.columns.reset')}
      </Button>
    </Flex>
  );
  return (
    <Popover trigger="click" placement="bottomRight" title={t('customers.columns.title')} content={content}>
      <Button icon={<SettingOutlined />}>{t('customers.columns.button')}</Button>
    </Popover>
  );
}
