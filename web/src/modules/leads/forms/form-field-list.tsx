import { LEAD_FORM_FIELDS, type LeadFormField, type LeadFormFieldSpec } from '@contracts/marketing.contract';
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
import { Form, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { defaultFieldSpec } from './form-defaults';
import { SortableFieldRow } from './sortable-field-row';
import { useFieldName } from './use-field-name';

const rowId = (key: number) => `field-${key}`;

/** The form's fields in page order: drag to reorder (mouse or keyboard), add from the fields not yet used. */
export function FormFieldList() {
  const { t, i18n } = useTranslation();
  const fieldName = useFieldName();
  const form = Form.useFormInstance();
  const specs = (Form.useWatch('fields', form) ?? []) as (LeadFormFieldSpec | undefined)[];
  const sensors = useSensors(
    useSensor(PointerSensor),
    useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }),
  );
  const used = new Set(specs.map((s) => s?.field));
  const unused = LEAD_FORM_FIELDS.filter((f) => !used.has(f));

  return (
    <Form.List name="fields">
      {(fields, { add, remove, move }, { errors }) => {
        const onDragEnd = ({ active, over }: DragEndEvent) => {
          const from = fields.findIndex((f) => rowId(f.key) === active.id);
          const to = fields.findIndex((f) => rowId(f.key) === over?.id);
          if (from >= 0 && to >= 0 && from !== to) move(from, to);
        };
        return (
          <>
            <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
              <SortableContext items={fields.map((f) => rowId(f.key))} strategy={verticalListSortingStrategy}>
                {fields.map((f) => (
                  <SortableFieldRow
                    key={f.key}
                    id={rowId(f.key)}
                    name={f.name}
                    field={specs[f.name]?.field}
                    onRemove={() => remove(f.name)}
                  />
                ))}
              </SortableContext>
            </DndContext>
            <Form.ErrorList errors={errors} />
            {unused.length > 0 && (
              <Select<LeadFormField>
                style={{ marginTop: 12, minWidth: 220 }}
                placeholder={t('marketing.forms.addField')}
                value={null}
                onChange={(field) => add(defaultFieldSpec(i18n, field))}
                options={unused.map((f) => ({ value: f, label: fieldName(f) }))}
              />
            )}
            {used.has('consent') && (
              <Typography.Paragraph type="secondary" style={{ marginTop: 8, marginBottom: 0 }}>
                {t('marketing.forms.consentHint')}
              </Typography.Paragraph>
            )}
          </>
        );
      }}
    </Form.List>
  );
}
