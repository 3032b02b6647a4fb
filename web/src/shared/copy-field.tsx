import { Typography } from 'antd';

type CopyFieldProps = { value: string };

/** A secret or link shown once, with a copy button. */
export function CopyField({ value }: CopyFieldProps) {
  return (
    <Typography.Paragraph copyable={{ text: value }} code style={{ wordBreak: 'break-all' }}>
      {value}
    </Typography.Paragraph>
  );
}
