import {
  NEED_KINDS,
  NEED_PRIORITIES,
  type NeedExplicitness,
  type NeedPriority,
} from '@contracts/deal-needs.contract';
import { Badge, Button, Card, Input, Select, Space, Switch, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { type ItemDraft, newItemKey } from './needs-form-values';

type NeedItemsEditorProps = {
  items: ItemDraft[];
  onChange: (items: ItemDraft[]) => void;
  disabled: boolean;
  /** Server messages per item key (e.g. a description too long). */
  errors: Record<string, string>;
};

const PRIORITY_COLOR: Record<NeedPriority, string> = { core: 'red', secondary: 'blue', potential: 'default' };

/**
 * The needs, grouped by priority (core, secondary, potential). Each has a type, a description and whether
 * the customer stated it or it was inferred; changing the priority moves it to that group.
 */
export function NeedItemsEditor({ items, onChange, disabled, errors }: NeedItemsEditorProps) {
  const { t } = useTranslation();
  const update = (key: string, change: Partial<ItemDraft>) =>
    onChange(items.map((i) => (i.key === key ? { ...i, ...change } : i)));
  const remove = (key: string) => onChange(items.filter((i) => i.key !== key));
  const add = (priority: NeedPriority) =>
    onChange([
      ...items,
      { key: newItemKey(), kind: 'pain_point', description: '', priority, explicitness: 'explicit' },
    ]);

  return (
    <Space orientation="vertical" size="middle" style={{ width: '100%' }}>
      {NEED_PRIORITIES.map((priority) => {
        const group = items.filter((item) => item.priority === priority);
        return (
          <Card
            key={priority}
            size="small"
            title={
              <Space>
                <Badge color={PRIORITY_COLOR[priority] === 'default' ? 'gray' : PRIORITY_COLOR[priority]} />
                {t(`dealNeeds.priority.${priority}`)}
                <Typography.Text type="secondary">({group.length})</Typography.Text>
              </Space>
            }
            extra={
              <Tooltip title={t(`dealNeeds.priorityHint.${priority}`)}>
                <Button size="small" onClick={() => add(priority)} disabled={disabled}>
                  {t('dealNeeds.items.add')}
                </Button>
              </Tooltip>
            }
          >
            {group.length === 0 ? (
              <Typography.Text type="secondary">{t('dealNeeds.items.groupEmpty')}</Typography.Text>
            ) : (
              <Space orientation="vertical" style={{ width: '100%' }}>
                {group.map((item) => (
                  <NeedRow
                    key={item.key}
                    item={item}
                    error={errors[item.key]}
                    disabled={disabled}
                    onChange={(change) => update(item.key, change)}
                    onRemove={() => remove(item.key)}
                  />
                ))}
              </Space>
            )}
          </Card>
        );
      })}
    </Space>
  );
}

type NeedRowProps = {
  item: ItemDraft;
  error: string | undefined;
  disabled: boolean;
  onChange: (change: Partial<ItemDraft>) => void;
  onRemove: () => void;
};

function NeedRow({ item, error, disabled, onChange, onRemove }: NeedRowProps) {
  const { t } = useTranslation();
  const explicit = item.explicitness === 'explicit';
  return (
    <div>
      <Space wrap align="start" style={{ width: '100%' }}>
        <Select
          aria-label={t('dealNeeds.items.kindLabel')}
          value={item.kind}
          disabled={disabled}
          style={{ width: 120 }}
          options={NEED_KINDS.map((k) => ({ value: k, label: t(`dealNeeds.kind.${k}`) }))}
          onChange={(kind) => onChange({ kind })}
        />
        <Input.TextArea
          aria-label={t('dealNeeds.items.description')}
          placeholder={t('dealNeeds.items.description')}
          value={item.description}
          disabled={disabled}
          autoSize={{ minRows: 1, maxRows: 6 }}
          maxLength={2000}
          status={error ? 'error' : undefined}
          style={{ width: 360 }}
          onChange={(e) => onChange({ description: e.target.value })}
        />
        <Select
          aria-label={t('dealNeeds.items.priorityLabel')}
          value={item.priority}
          disabled={disabled}
          style={{ width: 110 }}
          options={NEED_PRIORITIES.map((p) => ({ value: p, label: t(`dealNeeds.priority.${p}`) }))}
          onChange={(priority) => onChange({ priority })}
        />
        <Tooltip title={t('dealNeeds.items.explicitnessLabel')}>
          <Switch
            aria-label={t('dealNeeds.items.explicitnessLabel')}
            checked={explicit}
            disabled={disabled}
            checkedChildren={t('dealNeeds.items.explicit')}
            unCheckedChildren={t('dealNeeds.items.implicit')}
            onChange={(checked) =>
              onChange({ explicitness: (checked ? 'explicit' : 'implicit') satisfies NeedExplicitness })
            }
          />
        </Tooltip>
        <Button type="link" danger disabled={disabled} onClick={onRemove}>
          {t('dealNeeds.items.remove')}
        </Button>
      </Space>
      {error && <Typography.Text type="danger">{error}</Typography.Text>}
    </div>
  );
}
