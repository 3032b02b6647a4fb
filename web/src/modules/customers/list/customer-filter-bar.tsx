import { ClearOutlined } from '@ant-design/icons';
import { CUSTOMER_TIERS, LIFECYCLE_STAGES } from '@contracts/customers.contract';
import { Button, Flex, Input, Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../../shared/use-all-teams';
import { CustomFieldFilter } from '../../admin-custom-fields/custom-field-filter';
import { OwnerFilter } from '../../leads/list/owner-filter';
import { SegmentPicker } from '../segments/segment-picker';
import { TagSelect } from '../tag-select';
import { joinCsv, splitCsv, type UrlFilters } from '../url-filters';

type CustomerFilterBarProps = { value: UrlFilters; onChange: (next: UrlFilters) => void };

/** The customer list's filters; every change goes to the address bar, so the filtered list is a link. */
export function CustomerFilterBar({ value, onChange }: CustomerFilterBarProps) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const set = (patch: Record<string, string | undefined>) => {
    const next: UrlFilters = {};
    for (const [key, v] of Object.entries({ ...value, ...patch })) if (v) next[key] = v;
    onChange(next);
  };
  const text = (key: 'industry' | 'region') => (
    <Input.Search
      key={`${key}-${value[key] ?? ''}`}
      allowClear
      aria-label={t(`customers.filters.${key}`)}
      placeholder={t(`customers.filters.${key}`)}
      defaultValue={value[key]}
      onSearch={(v) => set({ [key]: v.trim() || undefined })}
      style={{ width: 150 }}
    />
  );
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Input.Search
        key={value.q ?? ''}
        allowClear
        aria-label={t('customers.filters.search')}
        placeholder={t('customers.filters.search')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 280 }}
      />
      <OwnerFilter value={value.ownerId} onChange={(ownerId) => set({ ownerId })} />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('customers.filters.team')}
        placeholder={t('customers.filters.team')}
        value={value.teamId}
        onChange={(teamId) => set({ teamId })}
        loading={teams.isPending}
        options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 130 }}
      />
      <TagSelect
        allowClear
        maxTagCount="responsive"
        aria-label={t('customers.filters.tags')}
        placeholder={t('customers.filters.tags')}
        value={splitCsv(value.tags)}
        onChange={(tags) => set({ tags: joinCsv(tags) })}
        style={{ minWidth: 180 }}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('customers.filters.tier')}
        placeholder={t('customers.filters.tier')}
        value={splitCsv(value.tier)}
        onChange={(v) => set({ tier: joinCsv(v) })}
        options={CUSTOMER_TIERS.map((tier) => ({ value: tier, label: t(`customers.tier.${tier}`) }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 130 }}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('customers.filters.lifecycle')}
        placeholder={t('customers.filters.lifecycle')}
        value={splitCsv(value.lifecycleStage)}
        onChange={(v) => set({ lifecycleStage: joinCsv(v) })}
        options={LIFECYCLE_STAGES.map((s) => ({ value: s, label: t(`customers.lifecycle.${s}`) }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 140 }}
      />
      <Select<string>
        allowClear
        aria-label={t('retention.list.healthScore')}
        placeholder={t('retention.list.healthScore')}
        value={value.atRisk}
        onChange={(atRisk) => set({ atRisk })}
        options={[
          { value: 'true', label: t('retention.list.atRiskOnly') },
          { value: 'false', label: t('retention.list.notAtRisk') },
        ]}
        popupMatchSelectWidth={false}
        style={{ minWidth: 120 }}
      />
      {text('industry')}
      {text('region')}
      <CustomFieldFilter object="customer" value={value.custom} onChange={(custom) => set({ custom })} />
      <SegmentPicker value={value} onChange={onChange} />
      {Object.keys(value).length > 0 && (
        <Button icon={<ClearOutlined />} onClick={() => onChange({})}>
          {t('customers.filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
