import { getUser } from '@contracts/users.contract';
import { useQuery } from '@tanstack/react-query';
import { Select, Space } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../../api/http';
import { UserSelect } from '../../../shared/user-select';

type OwnerMode = 'me' | 'none' | 'user';
type OwnerFilterProps = { value: string | undefined; onChange: (ownerId: string | undefined) => void };

/** Owner filter: me, unassigned, or a colleague picked by name (the API's `me` / `none` / user id). */
export function OwnerFilter({ value, onChange }: OwnerFilterProps) {
  const { t } = useTranslation();
  const userId = value && value !== 'me' && value !== 'none' ? value : undefined;
  const [picking, setPicking] = useState(false);
  const mode: OwnerMode | undefined =
    value === 'me' || value === 'none' ? value : userId || picking ? 'user' : undefined;
  const named = useQuery({
    queryKey: ['users', 'one', userId],
    queryFn: ({ signal }) => call(getUser, { params: { id: userId ?? '' }, signal }),
    enabled: Boolean(userId),
  });
  return (
    <Space.Compact>
      <Select<OwnerMode>
        allowClear
        aria-label={t('leadScreens.filters.owner')}
        placeholder={t('leadScreens.filters.anyOwner')}
        value={mode}
        onChange={(next) => {
          setPicking(next === 'user');
          onChange(next === 'me' || next === 'none' ? next : undefined);
        }}
        options={[
          { value: 'me', label: t('leadScreens.filters.ownerMe') },
          { value: 'none', label: t('leadScreens.filters.ownerNone') },
          { value: 'user', label: t('leadScreens.filters.ownerUser') },
        ]}
        style={{ width: 140 }}
      />
      {mode === 'user' && (
        <UserSelect<string | undefined>
          aria-label={t('leadScreens.filters.ownerPick')}
          placeholder={t('leadScreens.filters.ownerPick')}
          value={userId}
          knownUsers={named.data ? [{ id: named.data.id, name: named.data.name }] : []}
          onChange={(id) => onChange(id ?? undefined)}
          allowClear
          style={{ width: 200 }}
        />
      )}
    </Space.Compact>
  );
}
