import {
  CheckSquareOutlined,
  EnvironmentOutlined,
  FileTextOutlined,
  MailOutlined,
  PhoneOutlined,
  TeamOutlined,
} from '@ant-design/icons';
import type { ActivityKind } from '@contracts/activities.contract';
import type { ReactNode } from 'react';

const ICONS: Record<ActivityKind, ReactNode> = {
  call: <PhoneOutlined />,
  email: <MailOutlined />,
  meeting: <TeamOutlined />,
  visit: <EnvironmentOutlined />,
  note: <FileTextOutlined />,
  task: <CheckSquareOutlined />,
};

type ActivityKindIconProps = { kind: ActivityKind };

/** The icon of a kind of activity, as the timeline and lists show it. */
export function ActivityKindIcon({ kind }: ActivityKindIconProps) {
  return <span aria-hidden>{ICONS[kind]}</span>;
}
