import { PlusOutlined } from '@ant-design/icons';
import { MATERIAL_KINDS, type Material, type MaterialKind } from '@contracts/deal-materials.contract';
import type { TableColumnType } from 'antd';
import { Button, Flex, Input, Select, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '../../../shared/error-alert';
import { PageTitle } from '../../../shared/page-title';
import { useFormatDateTime } from '../../../shared/use-format-date-time';
import { MaterialDrawer } from './material-drawer';
import { fileUrl, MATERIAL_KIND_COLORS } from './material-files';
import { MaterialModal } from './material-modal';
import { type MaterialFilter, useMaterials } from './use-materials';

/** The sales materials library: search, filter by tag and type, add, version, edit and delete materials. */
export function MaterialsPage() {
  const { t } = useTranslation();
  const formatDateTime = useFormatDateTime();
  const [filter, setFilter] = useState<MaterialFilter>({});
  const [search, setSearch] = useState('');
  const materials = useMaterials(filter);
  const [adding, setAdding] = useState(false);
  const [openId, setOpenId] = useState<string | null>(null);
  const columns = useMemo<TableColumnType<Material>[]>(
    () => [
      {
        key: 'title',
        title: t('dealProposals.library.titleField'),
        ellipsis: true,
        render: (_, m) => (
          <Button type="link" style={{ padding: 0 }} onClick={() => setOpenId(m.id)}>
            {m.title}
          </Button>
        ),
      },
      {
        key: 'kind',
        title: t('dealProposals.library.kind'),
        width: 120,
        render: (_, m) => (
          <Tag color={MATERIAL_KIND_COLORS[m.kind]}>{t(`dealProposals.library.kindName.${m.kind}`)}</Tag>
        ),
      },
      {
        key: 'tags',
        title: t('dealProposals.library.tags'),
        render: (_, m) => m.tags.map((tag) => <Tag key={tag}>{tag}</Tag>),
      },
      {
        key: 'latest',
        title: t('dealProposals.library.latest'),
        width: 220,
        ellipsis: true,
        render: (_, m) =>
          m.latestFile ? (
            <a href={fileUrl(m.latestFile.id)}>
              {t('dealProposals.versionLabel', { n: m.latestVersionNo })} · {m.latestFile.name}
            </a>
          ) : (
            t('common.empty')
          ),
      },
      {
        key: 'updatedAt',
        title: t('dealProposals.library.updatedAt'),
        width: 170,
        render: (_, m) => formatDateTime(m.updatedAt),
      },
    ],
    [t, formatDateTime],
  );
  return (
    <>
      <PageTitle
        extra={
          <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
            {t('dealProposals.library.add')}
          </Button>
        }
      >
        {t('dealProposals.library.title')}
      </PageTitle>
      <Typography.Paragraph type="secondary">{t('dealProposals.library.intro')}</Typography.Paragraph>
      <Flex gap={8} wrap style={{ marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ width: 280 }}
          placeholder={t('dealProposals.library.search')}
          aria-label={t('dealProposals.library.search')}
          value={search}
          onChange={(e) => setSearch(e.target.value)}
          onSearch={(q) => setFilter((f) => ({ ...f, q: q.trim() || undefined }))}
        />
        <Select
          allowClear
          style={{ width: 180 }}
          placeholder={t('dealProposals.library.tag')}
          aria-label={t('dealProposals.library.tag')}
          value={filter.tag}
          options={(materials.data?.tags ?? []).map((tag) => ({ value: tag, label: tag }))}
          onChange={(tag?: string) => setFilter((f) => ({ ...f, tag }))}
        />
        <Select
          allowClear
          style={{ width: 160 }}
          placeholder={t('dealProposals.library.kind')}
          aria-label={t('dealProposals.library.kind')}
          value={filter.kind}
          options={MATERIAL_KINDS.map((kind) => ({
            value: kind,
            label: t(`dealProposals.library.kindName.${kind}`),
          }))}
          onChange={(kind?: MaterialKind) => setFilter((f) => ({ ...f, kind }))}
        />
      </Flex>
      {materials.isError && <ErrorAlert error={materials.error} />}
      <Table<Material>
        aria-label={t('dealProposals.library.title')}
        size="small"
        rowKey="id"
        columns={columns}
        dataSource={materials.data?.items ?? []}
        loading={materials.isPending}
        pagination={false}
        locale={{ emptyText: t('dealProposals.library.empty') }}
      />
      {adding && <MaterialModal material={null} onClose={() => setAdding(false)} />}
      {openId && <MaterialDrawer id={openId} onClose={() => setOpenId(null)} />}
    </>
  );
}
