import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

type PageTitleProps = { children: ReactNode; extra?: ReactNode };

/** The one h2 of a page, with its main actions beside it. */
export function PageTitle({ children, extra }: PageTitleProps) {
  return (
    <Flex justify="space-between" align="center" gap={16} wrap style={{ marginBottom: 16 }}>
      <Typography.Title level={2} style={{ margin: 0 }}>
        {children}
      </Typography.Title>
      {extra}
    </Flex>
  );
}
