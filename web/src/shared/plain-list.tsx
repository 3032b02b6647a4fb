import { Flex, theme } from 'antd';
import type { ReactNode } from 'react';

type PlainListProps<T> = {
  items: readonly T[];
  itemKey: (item: T) => string;
  render: (item: T) => ReactNode;
  /** Buttons at the end of an item. */
  actions?: (item: T) => ReactNode;
  label?: string;
};

/** A short list of rows separated by rules (antd's List is deprecated; its virtual successor is not needed here). */
export function PlainList<T>({ items, itemKey, render, actions, label }: PlainListProps<T>) {
  const { token } = theme.useToken();
  return (
    <ul aria-label={label} style={{ listStyle: 'none', margin: 0, padding: 0 }}>
      {items.map((item, i) => (
        <li
          key={itemKey(item)}
          style={{
            padding: '6px 0',
            borderTop: i === 0 ? undefined : `1px solid ${token.colorSplit}`,
          }}
        >
          <Flex justify="space-between" align="center" gap={8} wrap>
            <div style={{ minWidth: 0 }}>{render(item)}</div>
            {actions?.(item)}
          </Flex>
        </li>
      ))}
    </ul>
  );
}
