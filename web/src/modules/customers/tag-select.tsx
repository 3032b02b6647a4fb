import type { SelectProps } from 'antd';
import { Select, Tag } from 'antd';
import { useCustomerTags } from './use-customer-tags';

type TagSelectProps = Omit<SelectProps<string[]>, 'mode' | 'options' | 'loading'>;

/** Picks managed tags (shown in their colours) or takes a free tag typed in. */
export function TagSelect(props: TagSelectProps) {
  const tags = useCustomerTags();
  const colors = new Map((tags.data ?? []).map((tag) => [tag.name, tag.color]));
  return (
    <Select<string[]>
      {...props}
      mode="tags"
      tokenSeparators={[',', '，']}
      loading={tags.isPending}
      options={(tags.data ?? []).map((tag) => ({ value: tag.name, label: tag.name }))}
      tagRender={({ value, closable, onClose, label }) => (
        <Tag color={colors.get(String(value)) ?? 'default'} closable={closable} onClose={onClose}>
          {label}
        </Tag>
      )}
    />
  );
}
