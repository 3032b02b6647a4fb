import type { TimelineItem } from '@contracts/activities.contract';
import { Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useFormatDateTime } from '../../shared/use-format-date-time';
import { useUserNames } from '../leads/detail/use-user-names';

type ChangeItem = Extract<TimelineItem, { type: 'change' }>;
type RecordChangeEntryProps = { item: ChangeItem };

const FIELDS = [
  'name',
  'legalName',
  'industry',
  'companySize',
  'region',
  'address',
  'phone',
  'website',
  'creditCode',
  'taxId',
  'tags',
  'ownerId',
  'teamId',
  'sharedWith',
  'lifecycleStage',
  'tier',
  'title',
  'department',
  'email',
  'role',
  'attitude',
  'customerId',
  'amountMinor',
  'currency',
  'status',
  'source',
  'notes',
] as const;
type Field = (typeof FIELDS)[number];
const isField = (f: string): f is Field => (FIELDS as readonly string[]).includes(f);

const ACTIONS = ['create', 'update', 'delete', 'assign', 'share', 'merge', 'convert'] as const;
const isAction = (a: string): a is (typeof ACTIONS)[number] => (ACTIONS as readonly string[]).includes(a);
const ENTITIES = ['customer', 'contact', 'deal', 'lead'] as const;
const isEntity = (e: string): e is (typeof ENTITIES)[number] => (ENTITIES as readonly string[]).includes(e);

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/;

/** A recorded change of a customer, contact or deal: what was done, by whom, and the fields before and after. */
export function RecordChangeEntry({ item }: RecordChangeEntryProps) {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const c = item.change;
  const fields = Object.entries(c.changes).filter(([f]) => isField(f));
  const ids = fields
    .filter(([f]) => f === 'ownerId' || f === 'sharedWith')
    .flatMap(([, v]) => [v.from, v.to].flat())
    .filter((v): v is string => typeof v === 'string');
  const names = useUserNames(ids);
  const value = (field: Field, v: unknown): string => {
    if (v === null || v === undefined || v === '') return t('common.empty');
    if (Array.isArray(v)) {
      if (v.length === 0) return t('common.empty');
      return v.map((x) => (typeof x === 'string' ? (names.get(x) ?? x) : JSON.stringify(x))).join(', ');
    }
    if (field === 'ownerId' && typeof v === 'string') return names.get(v) ?? v;
    if (typeof v === 'string') return ISO.test(v) ? formatDateTime(v) : v;
    if (typeof v === 'number' || typeof v === 'boolean') return String(v);
    return JSON.stringify(v);
  };
  const shown = fields.filter(
    ([field, { from, to }]) => isField(field) && value(field, from) !== value(field, to),
  );
  const entity = c.entity && isEntity(c.entity) ? t(`activities.timeline.entity.${c.entity}`) : c.entity;
  return (
    <div>
      <Space wrap size={6}>
        <Typography.Text strong>
          {entity ? `${entity} · ` : ''}
          {isAction(c.action) ? t(`activities.timeline.action.${c.action}`) : c.action}
        </Typography.Text>
        {c.actorName && (
          <Typography.Text type="secondary">
            {t('activities.timeline.by', { name: c.actorName })}
          </Typography.Text>
        )}
      </Space>
      {shown.length > 0 && (
        <ul style={{ margin: '4px 0', paddingInlineStart: 20 }}>
          {shown.map(([field, { from, to }]) =>
            isField(field) ? (
              <li key={field}>
                <Typography.Text>{t(`activities.timeline.field.${field}`)}</Typography.Text>
                {': '}
                <Typography.Text type="secondary">{value(field, from)}</Typography.Text>
                {' → '}
                <Typography.Text>{value(field, to)}</Typography.Text>
              </li>
            ) : null,
          )}
        </ul>
      )}
      <Typography.Text type="secondary">{formatDateTime(item.at)}</Typography.Text>
    </div>
  );
}
