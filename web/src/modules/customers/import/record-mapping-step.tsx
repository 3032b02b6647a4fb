import type { RecordImport, RecordImportMapping } from '@contracts/record-import.contract';
import { Alert, Button, Form, Popconfirm, Space, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { UserSelect } from '../../../shared/user-select';
import { useSession } from '../../auth/use-session';
import { ColumnMappingTable, useColumnMapping } from '../../leads/import/column-mapping-table';
import { useCancelImport } from '../../leads/import/use-imports';
import { recordImportKinds, useStartRecordImport } from './record-import-kinds';

type RecordMappingStepProps = { imp: RecordImport; onDiscarded: () => void };

type DefaultsValues = { ownerId?: string };

/**
 * Step 2 of a customer or contact import: the field each column fills (the object's own fields and the
 * company's custom fields, recognised and remembered ones chosen already), and the owner of rows without one.
 */
export function RecordMappingStep({ imp, onDiscarded }: RecordMappingStepProps) {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const handleError = useErrorHandler();
  const object = imp.object;
  const start = useStartRecordImport(object);
  const discard = useCancelImport(recordImportKinds[object]);
  const [form] = Form.useForm<DefaultsValues>();
  const [mapping, choose] = useColumnMapping<string>(imp.suggestedMapping);
  const canAssign = me.permissions.includes('customers.assign');

  const fields = imp.fields.map((f) => {
    const custom = i18n.language === 'zh-CN' ? f.labelZh : f.labelEn;
    const label =
      custom ?? t(`recordImport.fields.${object}.${f.field}` as 'recordImport.fields.customer.name');
    return { value: f.field, label: f.required ? `${label} *` : label };
  });
  const mapped = new Set(Object.values(mapping));
  const missing = [
    ...(object === 'contact' && !mapped.has('customer') ? [t('recordImport.needCustomer')] : []),
    ...(!mapped.has('name') ? [t(`recordImport.needName.${object}`)] : []),
  ];

  const submit = (values: DefaultsValues) => {
    const body: RecordImportMapping = {};
    for (const index of imp.headers.keys()) body[String(index)] = mapping[index] ?? null;
    start.mutate(
      { id: imp.id, mapping: body, defaults: { ownerId: values.ownerId ?? null } },
      { onError: (error) => handleError(error, form) },
    );
  };

  return (
    <>
      <Typography.Paragraph>{t(`recordImport.intro.${object}`)}</Typography.Paragraph>
      {missing.map((text) => (
        <Alert key={text} type="warning" showIcon title={text} style={{ marginBottom: 16 }} />
      ))}
      <ColumnMappingTable<string> imp={imp} mapping={mapping} onChoose={choose} fields={fields} />
      <Form<DefaultsValues>
        form={form}
        layout="vertical"
        requiredMark={false}
        onFinish={submit}
        style={{ marginTop: 24 }}
      >
        {canAssign && (
          <Form.Item
            name="ownerId"
            label={t('recordImport.defaultOwner')}
            extra={t(`recordImport.defaultOwnerHint.${object}`)}
            style={{ maxWidth: 360 }}
          >
            <UserSelect<string | undefined>
              allowClear
              placeholder={t(`recordImport.ownerDefault.${object}`)}
            />
          </Form.Item>
        )}
        <Space>
          <Button type="primary" htmlType="submit" loading={start.isPending} disabled={missing.length > 0}>
            {t('leadImport.mapping.start')}
          </Button>
          <Popconfirm
            title={t('leadImport.mapping.discardConfirm')}
            okText={t('leadImport.mapping.discard')}
            cancelText={t('common.cancel')}
            onConfirm={() =>
              discard
                .mutateAsync(imp.id)
                .then(onDiscarded)
                .catch((error: unknown) => handleError(error))
            }
          >
            <Button loading={discard.isPending}>{t('leadImport.mapping.discard')}</Button>
          </Popconfirm>
        </Space>
      </Form>
    </>
  );
}
