import { DeleteOutlined, EditOutlined, HolderOutlined } from '@ant-design/icons';
import { useSortable } from '@dnd-kit/sortable';
import { Button, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

type SortableRowProps = {
  id: string;
  name: string;
  active: boolean;
  /** 1-based place in the order the rows are tried; omitted when the order is not shown. */
  priority?: number;
  /** Whether the row can be dragged, edited and deleted; otherwise it is read-only. */
  editable?: boolean;
  /** A one-line description: tighter padding, with the controls centred on the row. */
  compact?: boolean;
  /** Translated texts of the owning list. */
  labels: { dragHandle: string; inactive: string; deleteConfirm: string };
  onEdit: () => void;
  onDelete: () => void;
  /** Tags shown after the name, beside the "inactive" one. */
  tags?: ReactNode;
  /** The description under the name. */
  children: ReactNode;
};

/** One row of an ordered list of rules: drag handle, optional priority, name, description, edit and delete. */
export function SortableRow({
  id,
  name,
  active,
  priority,
  editable = true,
  compact = false,
  labels,
  onEdit,
  onDelete,
  tags,
  children,
}: SortableRowProps) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({
    id,
    disabled: !editable,
  });
  return (
    <div
      ref={setNodeRef}
      style={{
        transform: transform ? `translate3d(${transform.x}px, ${transform.y}px, 0)` : undefined,
        transition,
        opacity: isDragging ? 0.6 : active ? 1 : 0.55,
        background: 'var(--ant-color-bg-container, #fff)',
        borderBottom: '1px solid var(--ant-color-split, #f0f0f0)',
        padding: compact ? '8px 0' : '10px 0',
      }}
    >
      <Flex gap={12} align={compact ? 'center' : 'start'}>
        {editable && (
          <Tooltip title={labels.dragHandle}>
            <Button
              type="text"
              size="small"
              icon={<HolderOutlined />}
              aria-label={labels.dragHandle}
              style={{ cursor: 'grab' }}
              {...attributes}
              {...listeners}
            />
          </Tooltip>
        )}
        {priority !== undefined && (
          <Typography.Text type="secondary" style={{ width: 24, paddingTop: 2 }}>
            {priority}
          </Typography.Text>
        )}
        <Flex vertical gap={compact ? 2 : 4} style={{ flex: 1, minWidth: 0 }}>
          <Flex gap={8} wrap align="center">
            <Typography.Text strong>{name}</Typography.Text>
            {!active && <Tag>{labels.inactive}</Tag>}
            {tags}
          </Flex>
          {children}
        </Flex>
        {editable && (
          <>
            <Button
              type="link"
              size="small"
              icon={<EditOutlined />}
              onClick={onEdit}
              aria-label={`${t('common.edit')} ${name}`}
            >
              {t('common.edit')}
            </Button>
            <Popconfirm
              title={labels.deleteConfirm}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={onDelete}
            >
              <Button
                type="link"
                size="small"
                danger
                icon={<DeleteOutlined />}
                aria-label={`${t('common.delete')} ${name}`}
              >
                {t('common.delete')}
              </Button>
            </Popconfirm>
          </>
        )}
      </Flex>
    </div>
  );
}
