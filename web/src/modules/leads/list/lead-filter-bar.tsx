import { ClearOutlined } from '@ant-design/icons';
import { LEAD_GRADES, LEAD_SOURCES, LEAD_STATUSES } from '@contracts/leads.contract';
import { Button, DatePicker, Flex, Input, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../../shared/use-all-teams';
import { CustomFieldFilter } from '../../admin-custom-fields/custom-field-filter';
import { joinCsv, type ListFilters, splitCsv } from './list-params';
import { OwnerFilter } from './owner-filter';
import { ScoreRangeFilter } from './score-range-filter';

type LeadFilterBarProps = { value: ListFilters; onChange: (next: ListFilters) => void };

type Flag = 'true' | 'false';

/** The list's filters; every change goes to the address bar, so the filtered list is a shareable link. */
export function LeadFilterBar({ value, onChange }: LeadFilterBarProps) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const set = (patch: ListFilters) => onChange({ ...value, ...patch });
  const created: [Dayjs, Dayjs] | null =
    value.createdFrom && value.createdTo
      ? [dayjs(value.createdFrom), dayjs(value.createdTo).subtract(1, 'day')]
      : null;
  const any = Object.values(value).some(Boolean);
  return (
    <Flex wrap gap={8} style={{ marginBottom: 12 }}>
      <Input.Search
        key={value.q ?? ''}
        allowClear
        aria-label={t('leadScreens.filters.search')}
        placeholder={t('leadScreens.filters.search')}
        defaultValue={value.q}
        onSearch={(q) => set({ q: q.trim() || undefined })}
        style={{ width: 280 }}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('leadScreens.filters.status')}
        placeholder={t('leadScreens.filters.status')}
        value={splitCsv(value.status)}
        onChange={(v) => set({ status: joinCsv(v) })}
        options={LEAD_STATUSES.map((s) => ({ value: s, label: t(`leads.status.${s}`) }))}
        style={{ minWidth: 160 }}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        aria-label={t('leadScreens.filters.grade')}
        placeholder={t('leadScreens.filters.grade')}
        value={splitCsv(value.grade)}
        onChange={(v) => set({ grade: joinCsv(v) })}
        options={LEAD_GRADES.map((g) => ({ value: g, label: t(`leads.grade.${g}`) }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 110 }}
      />
      <Select<string[]>
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        aria-label={t('leadScreens.filters.source')}
        placeholder={t('leadScreens.filters.source')}
        value={splitCsv(value.source)}
        onChange={(v) => set({ source: joinCsv(v) })}
        options={LEAD_SOURCES.map((s) => ({ value: s, label: t(`leads.source.${s}`) }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 150 }}
      />
      <OwnerFilter value={value.ownerId} onChange={(ownerId) => set({ ownerId })} />
      <Select<string>
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        aria-label={t('leadScreens.filters.team')}
        placeholder={t('leadScreens.filters.team')}
        value={value.teamId}
        onChange={(teamId) => set({ teamId })}
        loading={teams.isPending}
        options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        popupMatchSelectWidth={false}
        style={{ minWidth: 130 }}
      />
      <ScoreRangeFilter min={value.minScore} max={value.maxScore} onChange={set} />
      <DatePicker.RangePicker
        aria-label={t('leadScreens.filters.created')}
        placeholder={[t('leadScreens.filters.createdFrom'), t('leadScreens.filters.createdTo')]}
        value={created}
        onChange={(range) => {
          const [from, to] = range ?? [];
          set(
            from && to
              ? {
                  createdFrom: from.startOf('day').toISOString(),
                  // The API's upper bound is exclusive: the whole last day counts.
                  createdTo: to.add(1, 'day').startOf('day').toISOString(),
                }
              : { createdFrom: undefined, createdTo: undefined },
          );
        }}
      />
      <Select<Flag>
        allowClear
        aria-label={t('leadScreens.filters.sla')}
        placeholder={t('leadScreens.filters.sla')}
        value={value.slaBreached as Flag | undefined}
        onChange={(slaBreached) => set({ slaBreached })}
        options={[
          { value: 'true', label: t('leadScreens.filters.slaBreached') },
          { value: 'false', label: t('leadScreens.filters.slaNotBreached') },
        ]}
        popupMatchSelectWidth={false}
        style={{ minWidth: 110 }}
      />
      <Select<Flag>
        allowClear
        aria-label={t('leadScreens.filters.duplicates')}
        placeholder={t('leadScreens.filters.duplicates')}
        value={value.hasDuplicates as Flag | undefined}
        onChange={(hasDuplicates) => set({ hasDuplicates })}
        options={[
          { value: 'true', label: t('leadScreens.filters.hasDuplicates') },
          { value: 'false', label: t('leadScreens.filters.noDuplicates') },
        ]}
        popupMatchSelectWidth={false}
        style={{ minWidth: 120 }}
      />
      <CustomFieldFilter object="lead" value={value.custom} onChange={(custom) => set({ custom })} />
      {any && (
        <Button icon={<ClearOutlined />} onClick={() => onChange({})}>
          {t('leadScreens.filters.clear')}
        </Button>
      )}
    </Flex>
  );
}
