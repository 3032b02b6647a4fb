import { SettingOutlined } from '@ant-design/icons';
import { DEFAULT_LEAD_COLUMNS, LEAD_LIST_COLUMNS, type LeadListColumn } from '@contracts/lead-views.contract';
import { Button, Checkbox, Flex, Popover } from 'antd';
import { useTranslation } from 'react-i18next';
import { useColumnTitle } from './use-column-title';

type LeadColumnChooserProps = {
  value: readonly LeadListColumn[];
  onChange: (columns: LeadListColumn[]) => void;
};

/** The company name links to the lead, so it always stays. */
const FIXED: LeadListColumn = 'companyName';

/** Which columns the list shows; they keep the list's own order. */
export function LeadColumnChooser({ value, onChange }: LeadColumnChooserProps) {
  const { t } = useTranslation();
  const titleOf = useColumnTitle();
  const chosen = new Set(value);
  const toggle = (column: LeadListColumn, on: boolean) => {
    const next = new Set(chosen);
    if (on) next.add(column);
    else next.delete(column);
    onChange(LEAD_LIST_COLUMNS.filter((c) => next.has(c) || c === FIXED));
  };
  const content = (
    <Flex vertical gap={4} style={{ maxHeight: 360, overflowY: 'auto' }}>
      {LEAD_LIST_COLUMNS.map((column) => (
        <Checkbox
          key={column}
          checked={chosen.has(column) || column === FIXED}
          disabled={column === FIXED}
          onChange={(e) => toggle(column, e.target.checked)}
        >
          {titleOf(column)}
        </Checkbox>
      ))}
      <Button size="small" type="link" onClick={() => onChange([...DEFAULT_LEAD_COLUMNS])}>
        {t('leadScreens.columnChooser.reset')}
      </Button>
    </Flex>
  );
  return (
    <Popover
      trigger="click"
      placement="bottomRight"
      title={t('leadScreens.columnChooser.title')}
      content={content}
    >
      <Button icon={<SettingOutlined />}>{t('leadScreens.columnChooser.button')}</Button>
    </Popover>
  );
}
