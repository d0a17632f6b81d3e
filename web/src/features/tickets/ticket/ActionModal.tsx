// One next step as a form in a modal. Its OK button sends the mutation with
// the ticket's version; a problem the server pins to a field shows next to
// it, the rest above the form, and CONFLICT offers a reload that keeps what
// was typed.
import { Alert, App, Button, Form, Modal } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { problemsOf, splitByField } from '../../../components/errors';
import type { TicketAction } from '../../../gql/enums';
import { TicketPageDocument, type TicketFullFragment } from '../../../gql/graphql';
import { formFor, isDangerous } from './actions';
import { DispatchFields } from './DispatchFields';
import { ticketMessages } from './messages';
import { QuoteFields } from './QuoteFields';
import { SimpleFields } from './SimpleFields';
import { FORM_FIELDS, submitAction, type ActionValues } from './submit';
import { TriageFields } from './TriageFields';

interface Props {
  action: TicketAction;
  ticket: TicketFullFragment;
  onClose: () => void;
  onReload: () => void;
}

export function ActionModal({ action, ticket, onClose, onReload }: Props) {
  const t = useT(ticketMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<ActionValues>();
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  // The version the user saw when they opened the form: if someone else
  // moves the ticket on meanwhile (the page follows live), the server says
  // CONFLICT instead of the step landing on a ticket the user has not seen.
  const [version, setVersion] = useState(ticket.version);
  const kind = formFor(action);

  async function reload() {
    onReload();
    const result = await client
      .query(TicketPageDocument, { id: ticket.id }, { requestPolicy: 'network-only' })
      .toPromise();
    const fresh = result.data?.ticket;
    if (fresh) {
      setVersion(fresh.version);
      setConflict(false);
    }
  }

  async function submit() {
    try {
      await form.validateFields();
    } catch {
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    setConflict(false);
    const result = await submitAction(client, action, { ...ticket, version }, form.getFieldsValue(true) as ActionValues);
    setSubmitting(false);
    const problems = problemsOf(result.error);
    if (problems.length === 0) {
      message.success(t('done', { action: t(action) }));
      onClose();
      onReload();
      return;
    }
    const { fieldErrors, general } = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT'),
      FORM_FIELDS[kind],
      locale,
    );
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name: name as keyof ActionValues, errors })));
    setGeneral(general);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  return (
    <Modal
      open
      title={`${t(action)} · ${ticket.number}`}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ danger: isDangerous(action), ...({ 'data-testid': 'action-submit' } as object) }}
      width={kind === 'quote' ? 820 : 560}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('conflict')}
          description={t('conflictHint')}
          data-testid="conflict"
          action={
            <Button
              size="small"
              data-testid="conflict-reload"
              onClick={reload}
            >
              {t('reload')}
            </Button>
          }
        />
      )}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="action-error" />
      ))}
      <Form form={form} layout="vertical" requiredMark={false} disabled={submitting}>
        {kind === 'triage' ? (
          <TriageFields ticket={ticket} />
        ) : kind === 'quote' ? (
          <QuoteFields ticket={ticket} />
        ) : kind === 'dispatch' ? (
          <DispatchFields ticket={ticket} />
        ) : (
          <SimpleFields form={kind} action={action} ticket={ticket} />
        )}
      </Form>
    </Modal>
  );
}
