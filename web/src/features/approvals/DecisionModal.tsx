// Approve or refuse with a note. A refusal needs the note (it is the reason
// the requester reads); CONFLICT (someone decided or changed it meanwhile)
// offers a reload of the inbox, keeping the note typed.
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import type { CombinedError } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, splitByField } from '../../components/errors';
import { inboxMessages } from './messages';

export type Decision = 'approve' | 'refuse';

interface Props {
  decision: Decision;
  /** What is decided on, e.g. the lot or ticket number. */
  subject: string;
  onClose: () => void;
  /** Sends the decision; resolves to the error, if any. */
  onSend: (note: string) => Promise<CombinedError | undefined>;
  onReload: () => void;
}

const FIELDS = ['note', 'reason'] as const;

export function DecisionModal({ decision, subject, onClose, onSend, onReload }: Props) {
  const t = useT(inboxMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ note?: string }>();
  const [sending, setSending] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);

  async function submit() {
    let note: string;
    try {
      note = ((await form.validateFields()).note ?? '').trim();
    } catch {
      return;
    }
    setSending(true);
    setGeneral([]);
    setConflict(false);
    const error = await onSend(note);
    setSending(false);
    const problems = problemsOf(error);
    if (problems.length === 0) {
      message.success(t(decision === 'approve' ? 'approved' : 'refused', { subject }));
      onClose();
      return;
    }
    const split = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT'),
      FIELDS,
      locale,
    );
    // The server calls a refused lot's note its reason: both show under the note.
    form.setFields([{ name: 'note', errors: split.fieldErrors.flatMap((f) => f.errors) }]);
    setGeneral(split.general);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  return (
    <Modal
      open
      title={`${t(decision)} · ${subject}`}
      onCancel={onClose}
      onOk={submit}
      okText={t(decision)}
      cancelText={t('cancel')}
      confirmLoading={sending}
      okButtonProps={{ danger: decision === 'refuse', ...({ 'data-testid': 'decision-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={t('conflict')}
          data-testid="conflict"
          action={
            <Button
              size="small"
              onClick={() => {
                onReload();
                onClose();
              }}
            >
              {t('reload')}
            </Button>
          }
        />
      )}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="decision-error" />
      ))}
      <Form form={form} layout="vertical" requiredMark={false} disabled={sending}>
        <Form.Item
          name="note"
          label={decision === 'refuse' ? t('refuseNote') : t('approveNote')}
          rules={decision === 'refuse' ? [{ required: true, whitespace: true, message: t('noteRequired') }] : []}
        >
          <Input.TextArea rows={3} maxLength={1000} data-testid="decision-note" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
