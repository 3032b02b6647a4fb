import { Typography } from 'antd';
import { useFormatPercent } from './use-format-money';

type RoiTextProps = { roi: number | null };

/** ROI as a percentage: green when the campaign earned more than it cost, red when less. */
export function RoiText({ roi }: RoiTextProps) {
  const percent = useFormatPercent();
  if (roi === null) return percent(null);
  return (
    <Typography.Text type={roi > 0 ? 'success' : roi < 0 ? 'danger' : undefined}>
      {percent(roi)}
    </Typography.Text>
  );
}
