// One form field by its kind. Every value stays in the form as the API takes
// it: text, whole numbers, decimals as strings, days as `YYYY-MM-DD`, ids.
import { DatePicker, Form, Input, InputNumber, Select, Switch } from 'antd';
import type { Rule } from 'antd/es/form';
import dayjs, { type Dayjs } from 'dayjs';
import { useLocale, useT } from '../../../../app/i18n';
import { scaffoldMessages } from './messages';
import { RefSelect } from './RefSelect';
import type { FieldSpec, Words } from './types';
import { isPlainDecimal } from './values';

function choices(words: Words, locale: 'zh' | 'en') {
  return Object.entries(words).map(([value, pair]) => ({ value, label: pair[locale === 'zh' ? 0 : 1] }));
}

interface Props<Row, Values, K extends string> {
  field: FieldSpec<Row, Values, K>;
  t: (key: K) => string;
  row: Row | null;
}

export function FieldInput<Row, Values, K extends string>({ field, t, row }: Props<Row, Values, K>) {
  const s = useT(scaffoldMessages);
  const { locale } = useLocale();
  const disabled = !!row && !!field.fixedOnEdit;
  const testId = `field-${field.name}`;
  const rules: Rule[] = [];
  if (field.required && field.kind !== 'bool') rules.push({ required: true, message: s('required') });
  if (field.kind === 'decimal') {
    rules.push({
      validator: (_, value: string | undefined) =>
        !value || isPlainDecimal(value) ? Promise.resolve() : Promise.reject(new Error(s('notDecimal'))),
    });
  }
  const common = {
    name: field.name as string,
    label: t(field.label),
    extra: field.help ? t(field.help) : undefined,
    rules,
  };

  switch (field.kind) {
    case 'text':
      return (
        <Form.Item {...common}>
          {field.multiline ? (
            <Input.TextArea maxLength={field.max} autoSize={{ minRows: 2, maxRows: 5 }} disabled={disabled} data-testid={testId} />
          ) : (
            <Input maxLength={field.max} disabled={disabled} data-testid={testId} />
          )}
        </Form.Item>
      );
    case 'int':
      return (
        <Form.Item {...common}>
          <InputNumber min={field.min} max={field.max} precision={0} style={{ width: '100%' }} disabled={disabled} data-testid={testId} />
        </Form.Item>
      );
    case 'decimal':
      return (
        <Form.Item {...common}>
          <Input inputMode="decimal" disabled={disabled} data-testid={testId} />
        </Form.Item>
      );
    case 'bool':
      return (
        <Form.Item {...common} valuePropName="checked">
          <Switch disabled={disabled} data-testid={testId} />
        </Form.Item>
      );
    case 'enum':
      return (
        <Form.Item {...common}>
          <Select
            mode={field.multiple ? 'multiple' : undefined}
            options={choices(field.words, locale)}
            disabled={disabled}
            data-testid={testId}
          />
        </Form.Item>
      );
    case 'date':
      return (
        <Form.Item
          {...common}
          getValueProps={(value: string | null | undefined) => ({ value: value ? dayjs(value) : null })}
          normalize={(value: Dayjs | null) => (value ? value.format('YYYY-MM-DD') : null)}
        >
          <DatePicker style={{ width: '100%' }} disabled={disabled} data-testid={testId} />
        </Form.Item>
      );
    case 'ref':
      return (
        <Form.Item {...common}>
          <RefSelect
            kind={field.ref}
            current={row && field.current ? field.current(row) : null}
            allowClear={!field.required}
            disabled={disabled}
            testId={testId}
          />
        </Form.Item>
      );
  }
}
