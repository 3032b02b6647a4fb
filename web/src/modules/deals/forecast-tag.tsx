import type { ForecastCategory } from '@contracts/pipelines.contract';
import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';

const COLORS: Record<ForecastCategory, string> = {
  pipeline: 'default',
  best_case: 'blue',
  commit: 'green',
  closed: 'purple',
  omitted: 'default',
};

/** A deal's forecast category. */
export function ForecastTag({ category }: { category: ForecastCategory }) {
  const { t } = useTranslation();
  return <Tag color={COLORS[category]}>{t(`deals.forecast.${category}`)}</Tag>;
}
