import { DatePicker, Input, Select, Space } from 'antd';
import dayjs from 'dayjs';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAllTeams } from '../../shared/use-all-teams';
import { UserSelect } from '../../shared/user-select';
import type { DealFilters } from './use-deal-filters';

type DealFilterBarProps = {
  filters: DealFilters;
  onChange: (next: Partial<DealFilters>) => void;
  /** Views without a text search (the summary) leave it out. */
  withSearch?: boolean;
};

type OwnerMode = 'anyone' | 'me' | 'none' | 'user';

function ownerMode(ownerId: string | undefined): OwnerMode {
  if (!ownerId) return 'anyone';
  if (ownerId === 'me' || ownerId === 'none') return ownerId;
  return 'user';
}

/** Owner (anyone, me, nobody or a colleague), team, close month and a search over names. */
export function DealFilterBar({ filters, onChange, withSearch = true }: DealFilterBarProps) {
  const { t } = useTranslation();
  const teams = useAllTeams();
  const [mode, setMode] = useState<OwnerMode>(ownerMode(filters.ownerId));
  const [q, setQ] = useState(filters.q ?? '');
  useEffect(() => setMode(ownerMode(filters.ownerId)), [filters.ownerId]);
  return (
    <Space wrap style={{ marginBottom: 12 }}>
      {withSearch && (
        <Input.Search
          aria-label={t('deals.filters.search')}
          placeholder={t('deals.filters.search')}
          allowClear
          value={q}
          onChange={(e) => setQ(e.target.value)}
          onSearch={(value) => onChange({ q: value.trim() || undefined })}
          style={{ width: 220 }}
        />
      )}
      <Select<OwnerMode>
        aria-label={t('deals.filters.owner')}
        value={mode}
        style={{ width: 140 }}
        onChange={(next) => {
          setMode(next);
          if (next === 'anyone') onChange({ ownerId: undefined });
          else if (next !== 'user') onChange({ ownerId: next });
        }}
        options={(['anyone', 'me', 'none', 'user'] as const).map((value) => ({
          value,
          label: t(`deals.filters.ownerMode.${value}`),
        }))}
      />
      {mode === 'user' && (
        <UserSelect<string | undefined>
          aria-label={t('deals.filters.ownerUser')}
          placeholder={t('deals.filters.ownerUser')}
          allowClear
          value={filters.ownerId && ownerMode(filters.ownerId) === 'user' ? filters.ownerId : undefined}
          onChange={(id) => onChange({ ownerId: id ?? undefined })}
          style={{ width: 200 }}
        />
      )}
      <Select<string>
        aria-label={t('deals.filters.team')}
        placeholder={t('deals.filters.team')}
        allowClear
        loading={teams.isPending}
        value={filters.teamId}
        onChange={(teamId) => onChange({ teamId })}
        options={(teams.data ?? []).map((team) => ({ value: team.id, label: team.name }))}
        style={{ width: 180 }}
      />
      <DatePicker
        picker="month"
        aria-label={t('deals.filters.closeMonth')}
        placeholder={t('deals.filters.closeMonth')}
        value={filters.closeMonth ? dayjs(`${filters.closeMonth}-01`) : null}
        onChange={(value) => onChange({ closeMonth: value ? value.format('YYYY-MM') : undefined })}
      />
    </Space>
  );
}
