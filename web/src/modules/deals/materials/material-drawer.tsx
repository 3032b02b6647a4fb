import { DeleteOutlined, DownloadOutlined, EditOutlined } from '@ant-design/icons';
import { App, Button, Drawer, Flex, Input, List, Popconfirm, Space, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { useSession } from '../../auth/use-session';
import { FilePicker } from './file-picker';
import { fileUrl, MATERIAL_KIND_COLORS } from './material-files';
import { MaterialModal } from './material-modal';
import { uploadFile, useAddMaterialVersion, useDeleteMaterial, useMaterial } from './use-materials';

/** One material: its versions (latest first), a new version, edit and delete. */
export function MaterialDrawer({ id, onClose }: { id: string; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const me = useSession();
  const formatDateTime = useFormatDateTime();
  const material = useMaterial(id);
  const addVersion = useAddMaterialVersion();
  const remove = useDeleteMaterial();
  const handleError = useErrorHandler();
  const [editing, setEditing] = useState(false);
  const [file, setFile] = useState<File | null>(null);
  const [note, setNote] = useState('');
  const [uploading, setUploading] = useState(false);
  const m = material.data;
  const mayChange = m ? m.createdBy === me.user.id || me.permissions.includes('deals.configure') : false;
  const upload = async () => {
    if (!m || !file) return;
    setUploading(true);
    try {
      const uploaded = await uploadFile(file, me.csrfToken);
      await addVersion.mutateAsync({ id: m.id, body: { fileId: uploaded.id, note } });
      setFile(null);
      setNote('');
      void message.success(t('dealProposals.library.addVersion'));
    } catch (error) {
      handleError(error);
    } finally {
      setUploading(false);
    }
  };
  return (
    <Drawer
      open
      size="large"
      title={m?.title ?? t('dealProposals.library.title')}
      onClose={onClose}
      extra={
        m &&
        mayChange && (
          <Space>
            <Button icon={<EditOutlined />} onClick={() => setEditing(true)}>
              {t('dealProposals.library.edit')}
            </Button>
            <Popconfirm
              title={t('dealProposals.library.deleteConfirm', { title: m.title })}
              okText={t('common.delete')}
              cancelText={t('common.cancel')}
              okButtonProps={{ danger: true }}
              onConfirm={() =>
                remove
                  .mutateAsync(m.id)
                  .then(onClose)
                  .catch((error: unknown) => handleError(error))
              }
            >
              <Button danger icon={<DeleteOutlined />}>
                {t('dealProposals.library.delete')}
              </Button>
            </Popconfirm>
          </Space>
        )
      }
    >
      {material.isError && <ErrorAlert error={material.error} />}
      {m && (
        <Space orientation="vertical" style={{ width: '100%' }} size="large">
          <div>
            <Tag color={MATERIAL_KIND_COLORS[m.kind]}>{t(`dealProposals.library.kindName.${m.kind}`)}</Tag>
            {m.tags.map((tag) => (
              <Tag key={tag}>{tag}</Tag>
            ))}
            {m.description && (
              <Typography.Paragraph style={{ marginTop: 8 }}>{m.description}</Typography.Paragraph>
            )}
          </div>
          {mayChange && (
            <Flex gap={8} wrap align="center">
              <FilePicker file={file} onChange={setFile} />
              <Input
                style={{ width: 240 }}
                placeholder={t('dealProposals.library.note')}
                aria-label={t('dealProposals.library.note')}
                maxLength={500}
                value={note}
                onChange={(e) => setNote(e.target.value)}
              />
              <Button type="primary" disabled={!file} loading={uploading} onClick={() => void upload()}>
                {t('dealProposals.library.addVersion')}
              </Button>
            </Flex>
          )}
          <List
            header={<Typography.Text strong>{t('dealProposals.library.versions')}</Typography.Text>}
            dataSource={m.versions}
            renderItem={(v, index) => (
              <List.Item
                actions={[
                  <a key="download" href={fileUrl(v.file.id)}>
                    <DownloadOutlined /> {t('dealProposals.library.download')}
                  </a>,
                ]}
              >
                <List.Item.Meta
                  title={
                    <Space>
                      {t('dealProposals.versionLabel', { n: v.versionNo })}
                      {index === 0 && <Tag color="green">{t('dealProposals.library.latest')}</Tag>}
                      {v.file.name}
                    </Space>
                  }
                  description={[
                    formatDateTime(v.createdAt),
                    v.createdByName ? t('dealProposals.library.by', { name: v.createdByName }) : null,
                    v.note || null,
                  ]
                    .filter(Boolean)
                    .join(' · ')}
                />
              </List.Item>
            )}
          />
        </Space>
      )}
      {editing && m && <MaterialModal material={m} onClose={() => setEditing(false)} />}
    </Drawer>
  );
}
