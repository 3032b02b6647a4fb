import { InputNumber, Space } from 'antd';
import { useTranslation } from 'react-i18next';

type ScoreRangeFilterProps = {
  min: string | undefined;
  max: string | undefined;
  onChange: (range: { minScore: string | undefined; maxScore: string | undefined }) => void;
};

const toValue = (v: string | undefined) => (v === undefined ? undefined : Number(v));
const toParam = (v: number | null) => (v === null || Number.isNaN(v) ? undefined : String(Math.trunc(v)));

/** Score between two bounds; applied when the user leaves the box or presses Enter, not per keystroke. */
export function ScoreRangeFilter({ min, max, onChange }: ScoreRangeFilterProps) {
  const { t } = useTranslation();
  const commit = (which: 'minScore' | 'maxScore', raw: string) => {
    const next = toParam(raw.trim() === '' ? null : Number(raw));
    const current = which === 'minScore' ? min : max;
    if (next !== current) onChange({ minScore: min, maxScore: max, [which]: next });
  };
  return (
    <Space.Compact>
      <InputNumber<number>
        key={`min-${min ?? ''}`}
        aria-label={t('leadScreens.filters.minScore')}
        placeholder={t('leadScreens.filters.minScore')}
        defaultValue={toValue(min)}
        precision={0}
        onBlur={(e) => commit('minScore', e.target.value)}
        onPressEnter={(e) => commit('minScore', e.currentTarget.value)}
        style={{ width: 110 }}
      />
      <InputNumber<number>
        key={`max-${max ?? ''}`}
        aria-label={t('leadScreens.filters.maxScore')}
        placeholder={t('leadScreens.filters.maxScore')}
        defaultValue={toValue(max)}
        precision={0}
        onBlur={(e) => commit('maxScore', e.target.value)}
        onPressEnter={(e) => commit('maxScore', e.currentTarget.value)}
        style={{ width: 110 }}
      />
    </Space.Compact>
  );
}
