import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import type { Clause } from '@contracts/contracts.contract';
import { MAX_CLAUSE_CHARS, MAX_CLAUSES } from '@contracts/contracts.contract';
import { Button, Card, Flex, Input, Tooltip, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { addClause, moveClause, removeClause, updateClause } from './clause-draft';

type ClauseListEditorProps = {
  value: Clause[];
  onChange: (next: Clause[]) => void;
  disabled?: boolean;
  /** Mark untitled clauses (after a save was tried). */
  showErrors?: boolean;
};

/** Ordered clauses, each a title and a body, with add, remove and move up/down. */
export function ClauseListEditor({ value, onChange, disabled, showErrors }: ClauseListEditorProps) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={8}>
      {value.map((clause, i) => (
        <Card
          key={clause.key}
          size="small"
          title={`${i + 1}. ${clause.title || t('contracts.templates.untitled')}`}
          extra={
            !disabled && (
              <Flex gap={4}>
                <Tooltip title={t('contracts.templates.moveUp')}>
                  <Button
                    size="small"
                    icon={<ArrowUpOutlined />}
                    aria-label={t('contracts.templates.moveUp')}
                    disabled={i === 0}
                    onClick={() => onChange(moveClause(value, i, -1))}
                  />
                </Tooltip>
                <Tooltip title={t('contracts.templates.moveDown')}>
                  <Button
                    size="small"
                    icon={<ArrowDownOutlined />}
                    aria-label={t('contracts.templates.moveDown')}
                    disabled={i === value.length - 1}
                    onClick={() => onChange(moveClause(value, i, 1))}
                  />
                </Tooltip>
                <Tooltip title={t('contracts.templates.removeClause')}>
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined />}
                    aria-label={t('contracts.templates.removeClause')}
                    disabled={value.length === 1}
                    onClick={() => onChange(removeClause(value, i))}
                  />
                </Tooltip>
              </Flex>
            )
          }
        >
          <Flex vertical gap={8}>
            <Input
              value={clause.title}
              maxLength={200}
              disabled={disabled}
              status={showErrors && !clause.title.trim() ? 'error' : undefined}
              placeholder={t('contracts.templates.clauseTitle')}
              aria-label={t('contracts.templates.clauseTitle')}
              onChange={(e) => onChange(updateClause(value, i, { title: e.target.value }))}
            />
            <Input.TextArea
              value={clause.body}
              maxLength={MAX_CLAUSE_CHARS}
              disabled={disabled}
              autoSize={{ minRows: 2, maxRows: 14 }}
              placeholder={t('contracts.templates.clauseBody')}
              aria-label={t('contracts.templates.clauseBody')}
              onChange={(e) => onChange(updateClause(value, i, { body: e.target.value }))}
            />
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('contracts.templates.clauseKey', { key: clause.key })}
            </Typography.Text>
          </Flex>
        </Card>
      ))}
      {!disabled && (
        <Button
          icon={<PlusOutlined />}
          disabled={value.length >= MAX_CLAUSES}
          onClick={() => onChange(addClause(value))}
        >
          {t('contracts.templates.addClause')}
        </Button>
      )}
    </Flex>
  );
}
