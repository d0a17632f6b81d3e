// The create / edit drawer of any entity. It sends the record's version with
// an update; a problem the server pins to a field shows under that field,
// the rest above the form, and CONFLICT offers to reload the record.
import { Alert, App, Button, Drawer, Flex, Form, Grid } from 'antd';
import { useState } from 'react';
import { useClient, type AnyVariables } from 'urql';
import { useLocale, useT } from '../../../../app/i18n';
import { problemsOf, splitByField } from '../../../../components/errors';
import { FieldInput } from './FieldInput';
import { scaffoldMessages } from './messages';
import type { EntityConfig } from './types';

interface Props<Q, V extends AnyVariables, Row, Values, K extends string> {
  config: EntityConfig<Q, V, Row, Values, K>;
  /** The record edited; null for a new one. */
  row: Row | null;
  onClose: () => void;
  /** After a save: the list shows the change. */
  onSaved: () => void;
  /** The record as the server has it now; null when it left the list. */
  fetchRow: (row: Row) => Promise<Row | null>;
}

export function EntityForm<Q, V extends AnyVariables, Row, Values, K extends string>({
  config,
  row,
  onClose,
  onSaved,
  fetchRow,
}: Props<Q, V, Row, Values, K>) {
  const t = useT(config.messages);
  const s = useT(scaffoldMessages);
  const { locale } = useLocale();
  const { message } = App.useApp();
  const client = useClient();
  const phone = Grid.useBreakpoint().md === false;
  const [form] = Form.useForm();
  const [current, setCurrent] = useState(row);
  const [submitting, setSubmitting] = useState(false);
  const [general, setGeneral] = useState<string[]>([]);
  const [conflict, setConflict] = useState(false);
  const [gone, setGone] = useState(false);
  const initial = current && config.toValues ? config.toValues(current) : config.blank;

  async function reload() {
    if (!current) return;
    const fresh = await fetchRow(current);
    if (!fresh) {
      setGone(true);
      return;
    }
    // What was typed is replaced: the change is made again on what is there now.
    setCurrent(fresh);
    form.setFieldsValue(config.toValues ? config.toValues(fresh) : config.blank);
    setConflict(false);
    message.info(s('reloaded'));
  }

  async function submit() {
    let values: Values;
    try {
      await form.validateFields();
      values = { ...config.blank, ...form.getFieldsValue(true) } as Values;
    } catch {
      return;
    }
    setSubmitting(true);
    setGeneral([]);
    setConflict(false);
    const result = current
      ? await config.update?.(client, current, config.version?.(current), values)
      : await config.create?.(client, values);
    setSubmitting(false);
    const problems = problemsOf(result?.error);
    if (problems.length === 0) {
      message.success(s('saved'));
      onSaved();
      onClose();
      return;
    }
    const { fieldErrors, general: others } = splitByField(
      problems.filter((p) => p.code !== 'CONFLICT'),
      config.fields.map((f) => f.name),
      locale,
    );
    form.setFields(fieldErrors.map(({ name, errors }) => ({ name, errors })));
    setGeneral(others);
    setConflict(problems.some((p) => p.code === 'CONFLICT'));
  }

  return (
    <Drawer
      open
      title={current ? `${s('edit')} · ${config.caption(current)}` : `${s('create')} · ${t(config.title)}`}
      onClose={onClose}
      size={phone ? '100%' : 520}
      destroyOnHidden
      mask={{ closable: false }}
      data-testid="entity-form"
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{s('cancel')}</Button>
          <Button type="primary" loading={submitting} onClick={submit} data-testid="entity-save">
            {s('save')}
          </Button>
        </Flex>
      }
    >
      {conflict && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          title={s('conflict')}
          description={s('conflictHint')}
          data-testid="conflict"
          action={
            <Button size="small" onClick={reload} data-testid="conflict-reload">
              {s('reload')}
            </Button>
          }
        />
      )}
      {gone && <Alert type="error" showIcon style={{ marginBottom: 16 }} title={s('gone')} />}
      {general.map((text) => (
        <Alert key={text} type="error" showIcon title={text} style={{ marginBottom: 16 }} data-testid="form-error" />
      ))}
      <Form form={form} layout="vertical" requiredMark initialValues={initial as object} disabled={submitting}>
        {config.fields.map((field) => (
          <FieldInput key={field.name} field={field} t={t} row={current} />
        ))}
      </Form>
    </Drawer>
  );
}
