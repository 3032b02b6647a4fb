import type { Team } from '@contracts/teams.contract';
import { Checkbox, Empty, Flex, List, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { UserSelect } from '../../shared/user-select';
import { useSetTeamMembers } from './use-teams';

type Member = Team['members'][number];
type TeamMembersModalProps = { team: Team | null; onClose: () => void };

/** Picks a team's members and marks its leads; saved as one replacement of the member list. */
export function TeamMembersModal({ team, onClose }: TeamMembersModalProps) {
  const { t } = useTranslation();
  const [members, setMembers] = useState<Member[]>([]);
  const save = useSetTeamMembers();
  const handleError = useErrorHandler();

  const pick = (ids: string[], labels: Map<string, string>) => {
    const kept = new Map(members.map((m) => [m.userId, m]));
    setMembers(ids.map((id) => kept.get(id) ?? { userId: id, name: labels.get(id) ?? id, isLead: false }));
  };
  const toggleLead = (userId: string, isLead: boolean) =>
    setMembers(members.map((m) => (m.userId === userId ? { ...m, isLead } : m)));
  const submit = () => {
    if (!team) return;
    save.mutate(
      { id: team.id, members: members.map(({ userId, isLead }) => ({ userId, isLead })) },
      { onSuccess: onClose, onError: (error) => handleError(error) },
    );
  };

  return (
    <Modal
      open={team !== null}
      title={t('teams.membersTitle', { name: team?.name ?? '' })}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={save.isPending}
      onOk={submit}
      onCancel={onClose}
      afterOpenChange={(open) => open && setMembers(team?.members ?? [])}
      destroyOnHidden
    >
      <UserSelect<string[]>
        mode="multiple"
        value={members.map((m) => m.userId)}
        knownUsers={members.map((m) => ({ id: m.userId, name: m.name }))}
        onChange={(ids, options) => {
          const list = Array.isArray(options) ? options : [];
          pick(ids, new Map(list.map((o) => [o.value, o.name])));
        }}
        placeholder={t('teams.addMembers')}
        style={{ width: '100%', marginBottom: 16 }}
      />
      {members.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('teams.noMembers')} />
      ) : (
        <List
          size="small"
          dataSource={members}
          renderItem={(m) => (
            <List.Item>
              <Flex justify="space-between" style={{ width: '100%' }}>
                <Typography.Text>{m.name}</Typography.Text>
                <Checkbox checked={m.isLead} onChange={(e) => toggleLead(m.userId, e.target.checked)}>
                  {t('teams.lead')}
                </Checkbox>
              </Flex>
            </List.Item>
          )}
        />
      )}
    </Modal>
  );
}
