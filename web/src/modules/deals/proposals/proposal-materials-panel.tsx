import type { Proposal } from '@contracts/deal-proposals.contract';
import { Button, Flex, List, Select, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { useMaterials } from '../materials/use-materials';
import { useAttachMaterial, useDetachMaterial } from './use-proposals';

/** Library materials attached to this version (their latest file), attach and detach. */
export function ProposalMaterialsPanel({ dealId, proposal }: { dealId: string; proposal: Proposal }) {
  const { t } = useTranslation();
  const handleError = useErrorHandler();
  const [search, setSearch] = useState('');
  const library = useMaterials(search ? { q: search } : {});
  const attach = useAttachMaterial(dealId);
  const detach = useDetachMaterial(dealId);
  const attached = new Set(proposal.materials.map((m) => m.id));
  return (
    <Flex vertical gap={8}>
      <List
        size="small"
        locale={{ emptyText: t('dealProposals.materials.empty') }}
        dataSource={proposal.materials}
        renderItem={(m) => (
          <List.Item
            actions={[
              <Button
                key="detach"
                size="small"
                onClick={() =>
                  detach.mutate(
                    { proposalId: proposal.id, materialId: m.id },
                    { onError: (error) => handleError(error) },
                  )
                }
              >
                {t('dealProposals.materials.detach')}
              </Button>,
            ]}
          >
            <List.Item.Meta
              title={
                m.latestFile ? <a href={`/api/v1/files/${m.latestFile.id}/content`}>{m.title}</a> : m.title
              }
              description={
                <>
                  <Tag>{t(`dealProposals.library.kindName.${m.kind}`)}</Tag>
                  {t('dealProposals.versionLabel', { n: m.latestVersionNo })}
                  {m.latestFile ? ` · ${m.latestFile.name}` : ''}
                </>
              }
            />
          </List.Item>
        )}
      />
      <Select<string>
        showSearch={{ filterOption: false, onSearch: setSearch }}
        style={{ maxWidth: 420 }}
        aria-label={t('dealProposals.materials.attach')}
        placeholder={t('dealProposals.materials.attach')}
        value={null}
        loading={library.isFetching}
        options={(library.data?.items ?? [])
          .filter((m) => !attached.has(m.id))
          .map((m) => ({ value: m.id, label: m.title }))}
        onChange={(materialId) =>
          attach.mutate({ proposalId: proposal.id, materialId }, { onError: (error) => handleError(error) })
        }
      />
    </Flex>
  );
}
