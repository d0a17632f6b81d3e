// A step on a lot as a small form in a modal: approve (with a note), cancel
// (with the reason) or record the proceeds (amount and receipt). It is sent
// at the version the user saw; CONFLICT offers a reload that keeps what was
// typed, and a problem the server pins to a field shows next to it.
import { Alert, App, Button, Form, Input, Modal } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useLocale, useT } from '../../../app/i18n';
import { money } from '../../../components/decimal';
import { problemsOf, splitByField } from '../../../components/errors';
import {
  ApproveLocalSaleDocument,
  CancelLocalSaleDocument,
  RecordLocalSaleProceedsDocument,
  type LotFullFragment,
} from '../../../gql/graphql';
import { saleMessages } from './messages';

export type LotStep = 'approve' | 'cancel' | 'proceeds';

interface Values {
  note?: string;
  reason?: string;
  amount?: string;
  receiptNumber?: string;
}

const FIELDS = ['note', 'reason', 'amount', 'receiptNumber'] as const;
const TITLE = { approve: 'approve', cancel: 'cancelLot', proceeds: 'recordProceeds' } as const;

interface Props {
  step: LotStep;
  lot: LotFullFragment;
  onClose: () => void;
  onDone: (lot: LotFullFragment) => void;
  /** Fetches the lot again; resolves to it (null when it is gone). */
  onReload: () => Promise<LotFullFragment | null>;
}

export function LotStepModal({ step, lot, onClose, onDone, onReload }: Props) {
  const t = useT(saleMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<Values>();
  const [sending, setSending] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [version, setVersion] = useState(lot.version);

  async function reload() {
    const fresh = await onReload();
    if (fresh) setVersion(fresh.version);
    setConflict(false);
  }

  async function send(values: Values) {
    const ref = { id: lot.id, version };
    if (step === 'approve') {
      const r = await client
        .mutation(ApproveLocalSaleDocument, { input: ref, note: values.note?.trim() || null })
        .toPromise();
      return { error: r.error, lot: r.data?.approveLocalSale.localSale };
    }
    if (step === 'cancel') {
      const r = await client
        .mutation(CancelLocalSaleDocument, { input: { localSale: ref, reason: values.reason?.trim() ?? '' } })
        .toPromise();
      return { error: r.error, lot: r.data?.cancelLocalSale.localSale };
    }
    const r = await client
      .mutation(RecordLocalSaleProceedsDocument, {
        input: { localSale: ref, amount: values.amount?.trim() ?? '', receiptNumber: values.receiptNumber?.trim() ?? '' },
      })
      .toPromise();
    return { error: r.error, lot: r.data?.recordLocalSaleProceeds.localSale };
  }

  async function submit() {
    let values: Values;
    try {
      values = await form.validateFields();
    } catch {
      return;
    }
    setSending(true);
    setGeneral([]);
    setConflict(false);
    const result = await send(values);
    setSending(false);
    const problems = problemsOf(result.error);
    if (problems.length === 0 && result.lot) {
      message.success(t('done', { action: t(TITLE[step]) }));
      onDone(result.lot);
      onClose();
      return;
    }
    const split = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT'),
      FIELDS,
      locale,
    );
    form.setFields(split.fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(split.general);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  return (
    <Modal
      open
      title={`${t(TITLE[step])} · ${lot.lotNumber}`}
      onCancel={onClose}
      onOk={submit}
      okText={t(TITLE[step])}
      cancelText={t('cancel')}
      confirmLoading={sending}
      okButtonProps={{ danger: step === 'cancel', ...({ 'data-testid': 'lot-step-submit' } as object) }}
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
            <Button size="small" onClick={reload} data-testid="conflict-reload">
              {t('reload')}
            </Button>
          }
        />
      )}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="lot-step-error" />
      ))}
      <Form<Values>
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={sending}
        initialValues={{ amount: lot.salePrice }}
      >
        {step === 'approve' && (
          <Form.Item name="note" label={t('noteOptional')}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="lot-step-note" />
          </Form.Item>
        )}
        {step === 'cancel' && (
          <Form.Item name="reason" label={t('reason')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
            <Input.TextArea rows={3} maxLength={1000} data-testid="lot-step-reason" />
          </Form.Item>
        )}
        {step === 'proceeds' && (
          <>
            <Form.Item
              name="amount"
              label={t('amount')}
              extra={t('amountHint', { price: money(lot.salePrice) })}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input inputMode="decimal" data-testid="lot-step-amount" />
            </Form.Item>
            <Form.Item
              name="receiptNumber"
              label={t('receiptNumber')}
              rules={[{ required: true, whitespace: true, message: t('required') }]}
            >
              <Input maxLength={64} data-testid="lot-step-receipt" />
            </Form.Item>
          </>
        )}
      </Form>
    </Modal>
  );
}
