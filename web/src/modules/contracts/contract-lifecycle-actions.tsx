import type { Contract } from '@contracts/contracts.contract';
import { App, Button, DatePicker, Flex, Form, Input, Modal } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorHandler } from '../../shared/use-error-handler';
import { lifecycleActions, termInverted, termPatch } from './contract-lifecycle';
import { useCompleteContract, usePatchContract, useTerminate } from './use-contracts';

type TermForm = { title: string; startsOn: Dayjs | null; endsOn: Dayjs | null; deliveryDueOn: Dayjs | null };

const day = (v: string | null) => (v ? dayjs(v) : null);
const iso = (v: Dayjs | null | undefined) => v?.format('YYYY-MM-DD') ?? null;

/** The contract's own lifecycle: change its term and delivery date, complete it, or terminate it. */
export function ContractLifecycleActions({ contract }: { contract: Contract }) {
  const { t } = useTranslation();
  const { message, modal } = App.useApp();
  const onError = useErrorHandler();
  const actions = lifecycleActions(contract);
  const complete = useCompleteContract(contract.id);
  const [editing, setEditing] = useState(false);
  const [terminating, setTerminating] = useState(false);
  return (
    <Flex gap={8} wrap>
      {actions.editDates && (
        <Button onClick={() => setEditing(true)}>{t('contracts.lifecycle.editTerm')}</Button>
      )}
      {actions.complete && (
        <Button
          loading={complete.isPending}
          onClick={() =>
            modal.confirm({
              title: t('contracts.lifecycle.completeConfirm'),
              okText: t('contracts.lifecycle.complete'),
              onOk: () =>
                complete
                  .mutateAsync({ version: contract.version })
                  .then(() => void message.success(t('contracts.lifecycle.completed')))
                  .catch(onError),
            })
          }
        >
          {t('contracts.lifecycle.complete')}
        </Button>
      )}
      {actions.terminate && (
        <Button danger onClick={() => setTerminating(true)}>
          {t('contracts.lifecycle.terminate')}
        </Button>
      )}
      {editing && <TermModal contract={contract} onClose={() => setEditing(false)} />}
      {terminating && <TerminateModal contract={contract} onClose={() => setTerminating(false)} />}
    </Flex>
  );
}

function TermModal({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TermForm>();
  const patch = usePatchContract(contract.id);
  const onError = useErrorHandler();
  const editTitle = lifecycleActions(contract).editTitle;
  const submit = (v: TermForm) => {
    const values = {
      title: editTitle ? (v.title ?? '') : contract.title,
      startsOn: iso(v.startsOn),
      endsOn: iso(v.endsOn),
      deliveryDueOn: iso(v.deliveryDueOn),
    };
    patch.mutate(termPatch(contract, values), { onSuccess: onClose, onError: (e) => onError(e, form) });
  };
  return (
    <Modal
      open
      title={t('contracts.lifecycle.editTerm')}
      okText={t('common.save')}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={patch.isPending}
    >
      <Form<TermForm>
        form={form}
        name="contractTerm"
        layout="vertical"
        onFinish={submit}
        initialValues={{
          title: contract.title,
          startsOn: day(contract.startsOn),
          endsOn: day(contract.endsOn),
          deliveryDueOn: day(contract.deliveryDueOn),
        }}
      >
        {editTitle && (
          <Form.Item name="title" label={t('contracts.title')} rules={[{ required: true, whitespace: true }]}>
            <Input maxLength={200} />
          </Form.Item>
        )}
        <Flex gap={16} wrap>
          <Form.Item name="startsOn" label={t('contracts.lifecycle.startsOn')}>
            <DatePicker />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label={t('contracts.lifecycle.endsOn')}
            dependencies={['startsOn']}
            rules={[
              ({ getFieldValue }) => ({
                validator: async (_, v: Dayjs | null) => {
                  if (termInverted({ startsOn: iso(getFieldValue('startsOn')), endsOn: iso(v) })) {
                    throw new Error(t('contracts.lifecycle.endBeforeStart'));
                  }
                },
              }),
            ]}
          >
            <DatePicker />
          </Form.Item>
          <Form.Item name="deliveryDueOn" label={t('contracts.deliveryDueOn')}>
            <DatePicker />
          </Form.Item>
        </Flex>
      </Form>
    </Modal>
  );
}

function TerminateModal({ contract, onClose }: { contract: Contract; onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ reason: string }>();
  const terminate = useTerminate(contract.id);
  const onError = useErrorHandler();
  return (
    <Modal
      open
      title={t('contracts.lifecycle.terminateTitle', { number: contract.number })}
      okText={t('contracts.lifecycle.terminate')}
      okButtonProps={{ danger: true }}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={terminate.isPending}
    >
      <Form
        form={form}
        name="terminateContract"
        layout="vertical"
        onFinish={(v) =>
          terminate.mutate(
            { reason: v.reason.trim() },
            {
              onSuccess: () => {
                void message.success(t('contracts.lifecycle.terminated'));
                onClose();
              },
              onError: (e) => onError(e, form),
            },
          )
        }
      >
        <Form.Item
          name="reason"
          label={t('contracts.lifecycle.reason')}
          extra={t('contracts.lifecycle.terminateHelp')}
          rules={[{ required: true, whitespace: true }]}
        >
          <Input.TextArea rows={3} maxLength={1000} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}
