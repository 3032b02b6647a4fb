import { MailOutlined, ScheduleOutlined } from '@ant-design/icons';
import type { NurtureStep } from '@contracts/lead-routing.contract';
import {
  closestCenter,
  DndContext,
  type DragEndEvent,
  KeyboardSensor,
  PointerSensor,
  useSensor,
  useSensors,
} from '@dnd-kit/core';
import { SortableContext, sortableKeyboardCoordinates, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { Button, Flex, Form, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { SortableStepRow } from './sortable-step-row';

const rowId = (key: number) => `step-${key}`;
const MERGE_FIELDS = ['{{contactName}}', '{{companyName}}', '{{ownerName}}'].join(' ');

/** The steps of a track in order: drag to reorder (mouse or keyboard), add a mail or a task, remove. */
export function TrackStepList() {
  const { t } = useTranslation();
  const form = Form.useFormInstance();
  const steps = (Form.useWatch('steps', form) ?? []) as (NurtureStep | undefined)[];
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  return (
    <Form.List name="steps">
      {(fields, { add, remove, move }, { errors }) => {
        const onDragEnd = ({ active, over }: DragEndEvent) => {
          const from = fields.findIndex((f) => rowId(f.key) === active.id);
          const to = fields.findIndex((f) => rowId(f.key) === over?.id);
          if (from >= 0 && to >= 0 && from !== to) move(from, to);
        };
        const addStep = (kind: NurtureStep['kind']) =>
          add({ kind, delayDays: fields.length === 0 ? 0 : 30, subject: '', body: '' });
        return (
          <>
            <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
              <SortableContext items={fields.map((f) => rowId(f.key))} strategy={verticalListSortingStrategy}>
                {fields.map((f, i) => (
                  <SortableStepRow
                    key={f.key}
                    id={rowId(f.key)}
                    name={f.name}
                    kind={steps[f.name]?.kind}
                    first={i === 0}
                    canRemove={fields.length > 1}
                    onRemove={() => remove(f.name)}
                  />
                ))}
              </SortableContext>
            </DndContext>
            <Form.ErrorList errors={errors} />
            <Flex gap={8} style={{ marginTop: 12 }} wrap>
              <Button icon={<MailOutlined />} onClick={() => addStep('email')} disabled={fields.length >= 20}>
                {t('leadRouting.nurture.addEmail')}
              </Button>
              <Button
                icon={<ScheduleOutlined />}
                onClick={() => addStep('task')}
                disabled={fields.length >= 20}
              >
                {t('leadRouting.nurture.addTask')}
              </Button>
            </Flex>
            <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
              {t('leadRouting.nurture.mergeHint', { fields: MERGE_FIELDS })}{' '}
              {t('leadRouting.nurture.linkHint')}
            </Typography.Paragraph>
          </>
        );
      }}
    </Form.List>
  );
}
