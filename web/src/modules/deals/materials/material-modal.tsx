import { MATERIAL_KINDS, type MaterialDetail, type MaterialKind } from '@contracts/deal-materials.contract';
import { Form, Input, Modal, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormRules } from '../../../shared/use-form-rules';
import { useSession } from '../../auth/use-session';
import { FilePicker } from './file-picker';
import { uploadFile, useCreateMaterial, useUpdateMaterial } from './use-materials';

type MaterialValues = {
  title: string;
  kind: MaterialKind;
  description: string;
  tags: string[];
  note: string;
};

/** Adds a material (with its file) or edits one's title, type, description and tags. */
export function MaterialModal({
  material,
  onClose,
}: {
  material: MaterialDetail | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const rules = useFormRules();
  const me = useSession();
  const [form] = Form.useForm<MaterialValues>();
  const [file, setFile] = useState<File | null>(null);
  const [uploading, setUploading] = useState(false);
  const create = useCreateMaterial();
  const update = useUpdateMaterial();
  const handleError = useErrorHandler();
  const submit = async (values: MaterialValues) => {
    try {
      if (material) {
        const { note: _note, ...body } = values;
        await update.mutateAsync({ id: material.id, body: { version: material.version, ...body } });
      } else {
        if (!file) {
          form.setFields([{ name: 'note', errors: [t('dealProposals.library.fileRequired')] }]);
          return;
        }
        setUploading(true);
        const uploaded = await uploadFile(file, me.csrfToken);
        await create.mutateAsync({ ...values, fileId: uploaded.id });
      }
      onClose();
    } catch (error) {
      handleError(error, form);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Modal
      open
      title={t(material ? 'dealProposals.library.editTitle' : 'dealProposals.library.createTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={uploading || create.isPending || update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<MaterialValues>
        form={form}
        layout="vertical"
        initialValues={
          material
            ? { ...material, note: '' }
            : { title: '', kind: 'deck', description: '', tags: [], note: '' }
        }
        onFinish={(values) => void submit(values)}
      >
        <Form.Item name="title" label={t('dealProposals.library.titleField')} rules={[rules.required]}>
          <Input maxLength={200} autoFocus />
        </Form.Item>
        <Form.Item name="kind" label={t('dealProposals.library.kind')}>
          <Select
            options={MATERIAL_KINDS.map((kind) => ({
              value: kind,
              label: t(`dealProposals.library.kindName.${kind}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="tags" label={t('dealProposals.library.tags')}>
          <Select mode="tags" tokenSeparators={[',', '，']} maxCount={20} />
        </Form.Item>
        <Form.Item name="description" label={t('dealProposals.library.description')}>
          <Input.TextArea rows={2} maxLength={2000} />
        </Form.Item>
        {!material && (
          <>
            <Form.Item label={t('dealProposals.library.file')} required>
              <FilePicker file={file} onChange={setFile} />
            </Form.Item>
            <Form.Item name="note" label={t('dealProposals.library.note')}>
              <Input maxLength={500} />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
