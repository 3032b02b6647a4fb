import type { SelectProps } from 'antd';
import { Select } from 'antd';
import { useMemo } from 'react';
import { timeZones } from './time-zones';

type TimeZoneSelectProps = Omit<SelectProps<string>, 'options' | 'showSearch'>;

export function TimeZoneSelect(props: TimeZoneSelectProps) {
  const options = useMemo(() => timeZones().map((tz) => ({ value: tz, label: tz })), []);
  return <Select<string> {...props} showSearch={{ optionFilterProp: 'label' }} options={options} />;
}
