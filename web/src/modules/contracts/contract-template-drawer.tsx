import type { ContractTemplate } from '@contracts/contracts.contract';
import { Alert, App, Button, Collapse, Drawer, Flex, Form, Input, Select, Switch } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isVersionConflict } from '../../api/api-error';
import { currentLocale } from '../../i18n/i18n';
import { useErrorHandler } from '../../shared/use-error-handler';
import { VersionConflictAlert } from '../quote-to-cash/version-conflict-alert';
import {
  clauseListProblem,
  createTemplateInput,
  draftOfTemplate,
  emptyTemplate,
  patchTemplateInput,
  type TemplateDraft,
} from './clause-draft';
import { ClauseListEditor } from './clause-list-editor';
import { unknownPlaceholders } from './contract-placeholders';
import { PlaceholderHelp } from './placeholder-help';
import { useCreateTemplate, usePatchTemplate } from './use-contracts';

type TemplateDrawerProps = {
  /** The template to edit, 'new' for a new one, null when closed. */
  editing: ContractTemplate | 'new' | null;
  editable: boolean;
  onClose: () => void;
};

/** Creates or changes a clause template: name, language, custom project, active, and its clauses. */
export function ContractTemplateDrawer({ editing, editable, onClose }: TemplateDrawerProps) {
  const { t } = useTranslation();
  const title =
    editing === 'new'
      ? t('contracts.templates.new')
      : editing
        ? t(editable ? 'contracts.templates.edit' : 'contracts.templates.view', { name: editing.name })
        : '';
  return (
    <Drawer open={editing !== null} onClose={onClose} title={title} size="large" destroyOnHidden>
      {editing !== null && (
        <TemplateForm
          key={editing === 'new' ? 'new' : `${editing.id}:${editing.version}`}
          template={editing === 'new' ? null : editing}
          editable={editable}
          onDone={onClose}
        />
      )}
    </Drawer>
  );
}

function TemplateForm({
  template,
  editable,
  onDone,
}: {
  template: ContractTemplate | null;
  editable: boolean;
  onDone: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const onError = useErrorHandler();
  const create = useCreateTemplate();
  const patch = usePatchTemplate();
  const [draft, setDraft] = useState<TemplateDraft>(() =>
    template ? draftOfTemplate(template) : emptyTemplate(currentLocale()),
  );
  const [conflict, setConflict] = useState(false);
  const [tried, setTried] = useState(false);
  const set = (change: Partial<TemplateDraft>) => setDraft((d) => ({ ...d, ...change }));
  const problem = clauseListProblem(draft.clauses);
  const nameMissing = draft.name.trim() === '';
  const unknown = unknownPlaceholders(draft.clauses);
  const handlers = {
    onSuccess: () => {
      void message.success(t('common.saved'));
      onDone();
    },
    onError: (error: unknown) => (isVersionConflict(error) ? setConflict(true) : onError(error)),
  };
  const save = () => {
    setTried(true);
    if (problem || nameMissing) return;
    if (template)
      patch.mutate({ id: template.id, body: patchTemplateInput(draft, template.version) }, handlers);
    else create.mutate(createTemplateInput(draft), handlers);
  };
  return (
    <Flex vertical gap={16}>
      {conflict && <VersionConflictAlert onReload={onDone} loading={false} />}
      <Form layout="vertical" disabled={!editable}>
        <Form.Item
          label={t('contracts.templates.name')}
          htmlFor="template-name"
          required
          validateStatus={tried && nameMissing ? 'error' : undefined}
          help={tried && nameMissing ? t('contracts.templates.nameRequired') : undefined}
        >
          <Input
            id="template-name"
            value={draft.name}
            maxLength={120}
            onChange={(e) => set({ name: e.target.value })}
          />
        </Form.Item>
        <Flex gap={24} wrap>
          <Form.Item label={t('contracts.templates.locale')} htmlFor="template-locale">
            <Select
              id="template-locale"
              style={{ width: 160 }}
              value={draft.locale}
              onChange={(locale) => set({ locale })}
              options={[
                { value: 'zh-CN', label: t('language.zh-CN') },
                { value: 'en-US', label: t('language.en-US') },
              ]}
            />
          </Form.Item>
          <Form.Item label={t('contracts.templates.customProject')} htmlFor="template-custom">
            <Switch
              id="template-custom"
              checked={draft.customProject}
              onChange={(customProject) => set({ customProject })}
            />
          </Form.Item>
          {template && (
            <Form.Item label={t('contracts.templates.active')} htmlFor="template-active">
              <Switch id="template-active" checked={draft.active} onChange={(active) => set({ active })} />
            </Form.Item>
          )}
        </Flex>
      </Form>
      <Collapse
        size="small"
        items={[
          {
            key: 'placeholders',
            label: t('contracts.templates.placeholders'),
            children: <PlaceholderHelp />,
          },
        ]}
      />
      <ClauseListEditor
        value={draft.clauses}
        onChange={(clauses) => set({ clauses })}
        disabled={!editable}
        showErrors={tried}
      />
      {unknown.length > 0 && (
        <Alert
          type="warning"
          showIcon
          title={t('contracts.templates.unknownPlaceholders', { names: unknown.join(', ') })}
        />
      )}
      {tried && problem && (
        <Alert type="error" showIcon title={t(`contracts.templates.problem.${problem}`)} />
      )}
      {editable && (
        <Flex gap={8}>
          <Button type="primary" loading={create.isPending || patch.isPending} onClick={save}>
            {template ? t('common.save') : t('contracts.templates.create')}
          </Button>
          <Button onClick={onDone}>{t('common.cancel')}</Button>
        </Flex>
      )}
    </Flex>
  );
}
