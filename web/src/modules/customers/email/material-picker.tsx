import type { Material } from '@contracts/deal-materials.contract';
import { Select, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMaterials } from '../../deals/materials/use-materials';
import { formatBytes } from '../../leads/import/format-bytes';
import { useDebounced } from '../../leads/list/use-lead-intake';

/** What the server lets one mail carry (sendEmail's contract): 5 materials, 20 MB in all. */
export const MAX_MATERIALS = 5;
const MAX_BYTES = 20 * 1024 * 1024;

type MaterialPickerProps = {
  value?: string[];
  onChange?: (ids: string[]) => void;
};

/**
 * Picks library materials to send with a mail, searched on the server as the user types; the chosen ones show
 * as chips with their latest file, and the total size against the cap. Materials without a file are not offered.
 */
export function MaterialPicker({ value = [], onChange }: MaterialPickerProps) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const found = useMaterials(q ? { q } : {});
  // Every material seen, so a chip keeps its title and size when the next search no longer lists it.
  const [seen, setSeen] = useState<ReadonlyMap<string, Material>>(new Map());
  useEffect(() => {
    const items = found.data?.items;
    if (!items) return;
    setSeen((before) => {
      const next = new Map(before);
      for (const m of items) next.set(m.id, m);
      return next;
    });
  }, [found.data]);
  const offered = (found.data?.items ?? []).filter((m) => m.latestFile !== null);
  const chosen = value.flatMap((id) => seen.get(id) ?? []);
  const options = [...chosen.filter((m) => !offered.some((o) => o.id === m.id)), ...offered].map((m) => ({
    value: m.id,
    label: m.title,
    file: m.latestFile,
  }));
  const total = chosen.reduce((sum, m) => sum + (m.latestFile?.size ?? 0), 0);
  return (
    <>
      <Select<string[]>
        mode="multiple"
        aria-label={t('email.materials')}
        placeholder={t('email.materialsPlaceholder')}
        value={value}
        onChange={(ids) => {
          // The picked material clears the typed search: list the whole library again.
          setSearch('');
          onChange?.(ids);
        }}
        onBlur={() => setSearch('')}
        maxCount={MAX_MATERIALS}
        loading={found.isFetching}
        showSearch={{ filterOption: false, onSearch: setSearch }}
        notFoundContent={found.isFetching ? undefined : t('email.noMaterials')}
        options={options}
        optionRender={(option) => (
          <span>
            {option.data.label}{' '}
            {option.data.file && (
              <Typography.Text type="secondary">
                {option.data.file.name} · {formatBytes(option.data.file.size)}
              </Typography.Text>
            )}
          </span>
        )}
        style={{ width: '100%' }}
      />
      {chosen.length > 0 && (
        <Typography.Text type={total > MAX_BYTES ? 'danger' : 'secondary'}>
          {t('email.materialsSize', {
            n: chosen.length,
            size: formatBytes(total),
            max: formatBytes(MAX_BYTES),
          })}
        </Typography.Text>
      )}
    </>
  );
}
