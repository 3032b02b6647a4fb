import type { Lead } from '@contracts/leads.contract';
import { Form, Modal } from 'antd';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../../api/api-error';
import { OneTeamSelect } from '../../../shared/team-select';
import { useErrorHandler } from '../../../shared/use-error-handler';
import { UserSelect } from '../../../shared/user-select';
import { useUpdateLead } from './use-lead';
import { useUserNames } from './use-user-names';

type AssignModalProps = { lead: Lead; open: boolean; onClose: () => void };
type Values = { ownerId?: string; teamId?: string; sharedWith: string[] };

/**
 * Owner and team (holders of leads.assign) and the colleagues the lead is shared with (also its owner).
 * Only what changed is sent, so an owner without assign rights can still share.
 */
export function AssignModal({ lead, open, onClose }: AssignModalProps) {
  const { t } = useTranslation();
  const [form] = Form.useForm<Values>();
  const update = useUpdateLead();
  const handleError = useErrorHandler();
  const sharedNames = useUserNames(open ? lead.sharedWith : []);
  const canAssign = lead.can.assign;
  const submit = (values: Values) => {
    const ownerId = values.ownerId ?? null;
    const teamId = values.teamId ?? null;
    const shared = [...values.sharedWith].sort();
    const body = {
      ...(canAssign && ownerId !== lead.ownerId ? { ownerId } : {}),
      ...(canAssign && teamId !== lead.teamId ? { teamId } : {}),
      ...(shared.join() !== [...lead.sharedWith].sort().join() ? { sharedWith: shared } : {}),
    };
    if (Object.keys(body).length === 0) return onClose();
    update.mutate(
      { id: lead.id, version: lead.version, ...body },
      {
        onSuccess: onClose,
        onError: (error) => {
          handleError(error, form);
          if (isVersionConflict(error)) onClose();
        },
      },
    );
  };
  return (
    <Modal
      open={open}
      title={t(canAssign ? 'leadScreens.assign.title' : 'leadScreens.assign.shareTitle')}
      okText={t('common.save')}
      cancelText={t('common.cancel')}
      confirmLoading={update.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      destroyOnHidden
    >
      <Form<Values>
        form={form}
        layout="vertical"
        initialValues={{
          ownerId: lead.ownerId ?? undefined,
          teamId: lead.teamId ?? undefined,
          sharedWith: lead.sharedWith,
        }}
        onFinish={submit}
      >
        {canAssign && (
          <>
            <Form.Item
              name="ownerId"
              label={t('leads.fields.owner')}
              extra={t('leadScreens.assign.ownerHint')}
            >
              <UserSelect<string | undefined>
                allowClear
                aria-label={t('leads.fields.owner')}
                knownUsers={
                  lead.ownerId && lead.ownerName ? [{ id: lead.ownerId, name: lead.ownerName }] : []
                }
              />
            </Form.Item>
            <Form.Item name="teamId" label={t('leads.fields.team')}>
              <OneTeamSelect allowClear aria-label={t('leads.fields.team')} />
            </Form.Item>
          </>
        )}
        <Form.Item
          name="sharedWith"
          label={t('leadScreens.assign.sharedWith')}
          extra={t('leadScreens.assign.sharedHint')}
        >
          <UserSelect<string[]>
            mode="multiple"
            aria-label={t('leadScreens.assign.sharedWith')}
            knownUsers={[...sharedNames].map(([id, name]) => ({ id, name }))}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}
