// One stock operation on one part in one warehouse, as a form in a modal:
// receive (入库), issue to a ticket (出库), take back from a ticket (退库),
// correct the book with a reason, or set the safety stock. The server
// guards the rules (never below zero, limits); its problems show next to
// the field they name, the rest above the form.
import { Alert, App, Form, Input, InputNumber, Modal, Typography } from 'antd';
import { useState } from 'react';
import { useClient } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { problemsOf, type Problem } from '../../components/errors';
import {
  AdjustStockDocument,
  IssueStockDocument,
  ReceiveStockDocument,
  ReturnStockDocument,
  SetSafetyStockDocument,
  StockTicketByNumberDocument,
  type StockRowFragment,
} from '../../gql/graphql';
import { partsMessages } from './messages';
import { renameField, stockSentence } from './problems';
import { afterCorrection, type StockOperation } from './stock';

interface Values {
  quantity?: number | null;
  ticketNumber?: string;
  reason?: string;
  safetyStock?: number | null;
}

const FIELDS = ['quantity', 'ticketNumber', 'reason', 'safetyStock'] as const;

const TITLE = {
  receive: 'receive',
  issue: 'issue',
  return: 'return',
  adjust: 'adjust',
  safety: 'setSafety',
} as const;

interface Props {
  operation: StockOperation;
  level: StockRowFragment;
  onClose: () => void;
  onDone: () => void;
}

export function StockDialog({ operation, level, onClose, onDone }: Props) {
  const t = useT(partsMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const [form] = Form.useForm<Values>();
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const correction = Form.useWatch('quantity', form);
  const warehouseId = level.warehouse?.id ?? '';
  const partId = level.part?.id ?? '';

  function show(problems: Problem[]) {
    const named = problems.map((p) => renameField(p, { ticketId: 'ticketNumber' }));
    const byField = new Map<string, string[]>();
    const rest: string[] = [];
    for (const problem of named) {
      const text = stockSentence(problem, locale);
      if (problem.field && (FIELDS as readonly string[]).includes(problem.field)) {
        byField.set(problem.field, [...(byField.get(problem.field) ?? []), text]);
      } else {
        rest.push(text);
      }
    }
    form.setFields([...byField.entries()].map(([name, errors]) => ({ name: name as keyof Values, errors })));
    setGeneral(rest);
  }

  /** The ticket's id for the number typed, or null (with the field marked) when there is none. */
  async function ticketId(number: string): Promise<string | null> {
    const result = await client
      .query(StockTicketByNumberDocument, { number: number.trim() }, { requestPolicy: 'network-only' })
      .toPromise();
    if (result.data) return result.data.ticket.id;
    const problems = problemsOf(result.error);
    if (problems.some((p) => p.code === 'NOT_FOUND' || p.code === 'VALIDATION')) {
      form.setFields([{ name: 'ticketNumber', errors: [t('ticketNotFound')] }]);
    } else {
      show(problems);
    }
    return null;
  }

  async function send(values: Values): Promise<string | null> {
    const quantity = values.quantity ?? 0;
    const reason = values.reason?.trim() || null;
    switch (operation) {
      case 'receive': {
        const r = await client.mutation(ReceiveStockDocument, { input: { warehouseId, partId, quantity, reason } }).toPromise();
        show(problemsOf(r.error));
        const m = r.data?.receiveStock.movement;
        return m ? t('doneReceive', { quantity: m.quantity, balance: m.balanceAfter }) : null;
      }
      case 'adjust': {
        const r = await client.mutation(AdjustStockDocument, { input: { warehouseId, partId, quantity, reason } }).toPromise();
        show(problemsOf(r.error));
        const m = r.data?.adjustStock.movement;
        return m ? t('doneAdjust', { quantity: m.quantity, balance: m.balanceAfter }) : null;
      }
      case 'issue':
      case 'return': {
        const id = await ticketId(values.ticketNumber ?? '');
        if (!id) return null;
        const input = { warehouseId, partId, quantity, ticketId: id };
        if (operation === 'issue') {
          const r = await client.mutation(IssueStockDocument, { input }).toPromise();
          show(problemsOf(r.error));
          const m = r.data?.issueStock.movement;
          return m ? t('doneIssue', { quantity: -m.quantity, balance: m.balanceAfter }) : null;
        }
        const r = await client.mutation(ReturnStockDocument, { input }).toPromise();
        show(problemsOf(r.error));
        const m = r.data?.returnStock.movement;
        return m ? t('doneReturn', { quantity: m.quantity, balance: m.balanceAfter }) : null;
      }
      case 'safety': {
        const safetyStock = values.safetyStock ?? 0;
        const r = await client.mutation(SetSafetyStockDocument, { input: { warehouseId, partId, safetyStock } }).toPromise();
        show(problemsOf(r.error));
        return r.data ? t('doneSafety', { safety: r.data.setSafetyStock.stockLevel.safetyStock }) : null;
      }
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
    const done = await send(form.getFieldsValue(true) as Values);
    setSubmitting(false);
    if (done) {
      message.success(done);
      onDone();
      onClose();
    }
  }

  const after = operation === 'adjust' ? afterCorrection(level.onHand, correction) : null;
  const part = level.part;

  return (
    <Modal
      open
      title={t(TITLE[operation])}
      onCancel={onClose}
      onOk={submit}
      okText={t('submit')}
      cancelText={t('cancel')}
      confirmLoading={submitting}
      okButtonProps={{ ...({ 'data-testid': 'op-submit' } as object) }}
      destroyOnHidden
      mask={{ closable: false }}
    >
      <Typography.Paragraph>
        <Typography.Text strong>
          {part?.partNumber} · {part?.name}
        </Typography.Text>
        <br />
        <Typography.Text type="secondary">
          {level.warehouse?.code} · {level.warehouse?.name} · {t('onHand')} {level.onHand} · {t('safetyStock')}{' '}
          {level.safetyStock}
        </Typography.Text>
      </Typography.Paragraph>
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="op-error" />
      ))}
      <Form
        form={form}
        layout="vertical"
        requiredMark={false}
        disabled={submitting}
        initialValues={operation === 'safety' ? { safetyStock: level.safetyStock } : {}}
      >
        {operation === 'safety' ? (
          <Form.Item
            name="safetyStock"
            label={t('safetyStock')}
            extra={t('safetyHint')}
            rules={[{ required: true, message: t('required') }]}
          >
            <InputNumber data-testid="op-safety" min={0} max={10_000_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : operation === 'adjust' ? (
          <Form.Item
            name="quantity"
            label={t('correction')}
            extra={after === null ? undefined : t('correctionHint', { after })}
            rules={[
              { required: true, message: t('required') },
              {
                validator: (_, value: number | null) =>
                  afterCorrection(level.onHand, value) === null
                    ? Promise.reject(new Error(t('correctionNegative', { onHand: level.onHand })))
                    : Promise.resolve(),
              },
            ]}
          >
            <InputNumber data-testid="op-quantity" min={-100_000} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : (
          <Form.Item
            name="quantity"
            label={t('quantity')}
            extra={t('quantityHint')}
            rules={[{ required: true, message: t('required') }]}
          >
            <InputNumber data-testid="op-quantity" min={1} max={100_000} precision={0} style={{ width: '100%' }} />
          </Form.Item>
        )}
        {(operation === 'issue' || operation === 'return') && (
          <Form.Item
            name="ticketNumber"
            label={t('ticketNumber')}
            rules={[{ required: true, whitespace: true, message: t('required') }]}
          >
            <Input data-testid="op-ticket" placeholder={t('ticketNumberHint')} maxLength={40} />
          </Form.Item>
        )}
        {(operation === 'adjust' || operation === 'receive') && (
          <Form.Item
            name="reason"
            label={operation === 'adjust' ? t('reason') : t('note')}
            rules={operation === 'adjust' ? [{ required: true, whitespace: true, message: t('reasonRequired') }] : []}
          >
            <Input.TextArea data-testid="op-reason" rows={2} maxLength={500} showCount />
          </Form.Item>
        )}
      </Form>
    </Modal>
  );
}
