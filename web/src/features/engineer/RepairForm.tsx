// The repair record: cause, measures, parts replaced and labour hours. Works
// offline from the catalogue the phone keeps.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Flex, Form, Input, InputNumber } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { splitByField, type Problem } from '../../components/errors';
import { FaultCausesDocument, PartSearchDocument } from '../../gql/graphql';
import { causesFor, mergeParts, searchParts, validLabourHours } from './catalogue';
import type { Field, FieldSnapshot } from './field';
import { engineerMessages } from './messages';
import type { Job, OutboxAction } from './outbox';
import { PickSelect } from './PickSelect';

interface Values {
  faultCause: string;
  measures: string;
  parts: { partId?: string; quantity?: number | null }[];
  labourHours: string;
}

const FIELDS = ['faultCause', 'measures', 'partsReplaced', 'partId', 'quantity', 'labourHours'] as const;

interface Props {
  job: Job;
  field: Field;
  snapshot: FieldSnapshot;
  online: boolean;
  take: (action: OutboxAction) => Promise<Problem[]>;
  onGeneral: (problems: Problem[], general: string[]) => void;
}

/**
 * Keeps the repair form's choices on the phone while online (every cause, the
 * parts catalogue), so the form works once the engineer is on site offline.
 */
export function useKeptCatalogue(field: Field, online: boolean) {
  const [causes] = useQuery({ query: FaultCausesDocument, pause: !online });
  const [catalogue] = useQuery({ query: PartSearchDocument, variables: { search: null, first: 200 }, pause: !online });
  useEffect(() => {
    if (causes.data) void field.saveCatalogue({ causes: causes.data.faultCauses });
  }, [causes.data, field]);
  useEffect(() => {
    const parts = catalogue.data?.parts.nodes;
    if (parts?.length) void field.saveCatalogue({ parts: mergeParts(field.getSnapshot().catalogue.parts, parts) });
  }, [catalogue.data, field]);
}

export function RepairForm({ job, field, snapshot, online, take, onGeneral }: Props) {
  const t = useT(engineerMessages);
  const { locale } = useLocale();
  const [form] = Form.useForm<Values>();
  const [search, setSearch] = useState('');
  const [busy, setBusy] = useState(false);

  const [found] = useQuery({ query: PartSearchDocument, variables: { search, first: 20 }, pause: !online || !search });
  useEffect(() => {
    const more = found.data?.parts.nodes ?? [];
    if (more.length) void field.saveCatalogue({ parts: mergeParts(field.getSnapshot().catalogue.parts, more) });
  }, [found.data, field]);

  const causeOptions = useMemo(
    () => causesFor(snapshot.catalogue.causes, job.faultCategory).map((c) => ({ value: c.code, label: c.name })),
    [snapshot.catalogue.causes, job.faultCategory],
  );
  const partOptions = useMemo(() => {
    const parts = online && search && found.data ? found.data.parts.nodes : searchParts(snapshot.catalogue.parts, search);
    return parts.map((p) => ({ value: p.id, label: `${p.name} · ${p.partNumber}` }));
  }, [online, search, found.data, snapshot.catalogue.parts]);
  const partOf = (id: string) => snapshot.catalogue.parts.find((p) => p.id === id);

  async function submit(values: Values) {
    setBusy(true);
    const problems = await take({
      kind: 'REPAIR',
      faultCause: values.faultCause,
      measures: values.measures.trim(),
      labourHours: values.labourHours.trim(),
      parts: values.parts
        .filter((p) => p.partId)
        .map((p) => {
          const known = partOf(p.partId!);
          return { partId: p.partId!, name: known?.name ?? p.partId!, partNumber: known?.partNumber, quantity: p.quantity ?? 1 };
        }),
      at: new Date().toISOString(),
    });
    setBusy(false);
    const { fieldErrors, general } = splitByField(problems, FIELDS, locale);
    // Part errors are about the parts list: shown under its first row.
    form.setFields(
      fieldErrors.map(({ name, errors }) =>
        name === 'partId' || name === 'partsReplaced' ? { name: ['parts', 0, 'partId'], errors } : name === 'quantity' ? { name: ['parts', 0, 'quantity'], errors } : { name, errors },
      ),
    );
    onGeneral(problems, general);
  }

  const required = [{ required: true, message: t('required') }];
  return (
    <Form form={form} layout="vertical" onFinish={submit} initialValues={{ parts: [{ quantity: 1 }], labourHours: '' }} requiredMark={false}>
      <Form.Item name="faultCause" label={t('faultCause')} rules={required}>
        <PickSelect
          data-testid="repair-cause"
          showSearch={{ optionFilterProp: 'label' }}
          options={causeOptions}
          size="large"
        />
      </Form.Item>
      <Form.Item name="measures" label={t('measures')} rules={[{ required: true, whitespace: true, message: t('required') }]}>
        <Input.TextArea data-testid="repair-measures" autoSize={{ minRows: 3 }} maxLength={2000} />
      </Form.Item>
      <Form.Item label={t('parts')} style={{ marginBottom: 8 }}>
        <Form.List name="parts">
          {(rows, { add, remove }) => (
            <Flex vertical gap={8}>
              {rows.map((row, index) => (
                <Flex key={row.key} gap={8} align="flex-start">
                  <Form.Item name={[row.name, 'partId']} style={{ flex: 1, minWidth: 0, marginBottom: 0 }}>
                    <PickSelect
                      data-testid={index === 0 ? 'repair-part' : `repair-part-${index}`}
                      showSearch={{ filterOption: false, onSearch: setSearch }}
                      placeholder={t('searchPart')}
                      options={partOptions}
                      allowClear
                      size="large"
                      onBlur={() => setSearch('')}
                      notFoundContent={null}
                    />
                  </Form.Item>
                  <Form.Item name={[row.name, 'quantity']} style={{ width: 76, marginBottom: 0 }}>
                    <InputNumber
                      data-testid={index === 0 ? 'repair-quantity' : `repair-quantity-${index}`}
                      min={1}
                      max={10000}
                      precision={0}
                      size="large"
                      aria-label={t('quantity')}
                      style={{ width: '100%' }}
                    />
                  </Form.Item>
                  <Button size="large" icon={<DeleteOutlined />} aria-label={t('removePart')} onClick={() => remove(row.name)} />
                </Flex>
              ))}
              <Button type="dashed" icon={<PlusOutlined />} onClick={() => add({ quantity: 1 })}>
                {t('addPart')}
              </Button>
            </Flex>
          )}
        </Form.List>
      </Form.Item>
      <Form.Item
        name="labourHours"
        label={t('labourHours')}
        rules={[{ validator: async (_, value: string) => (validLabourHours(value ?? '') ? undefined : Promise.reject(new Error(t('labourInvalid')))) }]}
      >
        <Input data-testid="repair-labour" inputMode="decimal" size="large" style={{ maxWidth: 200 }} />
      </Form.Item>
      <Button type="primary" htmlType="submit" size="large" block loading={busy} data-testid="job-repair-submit">
        {t('submitRepair')}
      </Button>
    </Form>
  );
}
