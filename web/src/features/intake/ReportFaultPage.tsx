// Report a fault: find the unit by the first characters of its serial, see
// at once whether it is in warranty, whose it is and what happened to it
// before, then record the report and read the promises out to the customer.
// The form stays mounted through an expired session (the sign-in dialog
// opens over it), so nothing typed is lost.
import { Alert, AutoComplete, Button, Card, Checkbox, Col, Flex, Form, Grid, Input, Row, Select, Typography } from 'antd';
import { useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useMutation, useQuery } from 'urql';
import { useLocale, useT } from '../../app/i18n';
import { getSession, hasAnyRole } from '../../app/session';
import { problemsOf, sentence, splitByField } from '../../components/errors';
import { useSignedInAgain } from '../../components/useSignedInAgain';
import { CHANNEL, FAULT_CATEGORY, options, SEVERITY } from '../../components/labels';
import type { Channel, FaultCategory, Severity } from '../../gql/enums';
import { IntakeReportFaultDocument, IntakeUnitDocument, IntakeUnitSuggestionsDocument } from '../../gql/graphql';
import { intakeMessages } from './messages';
import { ReportResult, type ReportedTicket } from './ReportResult';
import { UnitPanel } from './UnitPanel';
import { useDebounced } from './useDebounced';

interface Values {
  serialNumber: string;
  channel: Channel;
  faultCategory?: FaultCategory;
  severity: Severity;
  faultDescription: string;
  contactName?: string;
  contactPhone?: string;
  contactEmail?: string;
  personalInjury: boolean;
}

/** The fields a server error can name (`extensions.field`). */
const FIELDS = [
  'serialNumber',
  'channel',
  'faultCategory',
  'severity',
  'faultDescription',
  'contactName',
  'contactPhone',
  'contactEmail',
] as const;

export default function ReportFaultPage() {
  const t = useT(intakeMessages);
  const { locale } = useLocale();
  const phone = Grid.useBreakpoint().lg === false;
  const dealer = !hasAnyRole(getSession()?.user, ['AGENT', 'SERVICE_MANAGER']);
  const [form] = Form.useForm<Values>();
  const category = Form.useWatch('faultCategory', form);

  // The serial: suggestions while typing, the unit once one is chosen.
  const [typed, setTyped] = useState('');
  const prefix = useDebounced(typed.trim(), 200);
  const [chosen, setChosen] = useState<string | null>(null);
  const [{ data: suggestions, fetching: suggesting, error: suggestError }, suggestAgain] = useQuery({
    query: IntakeUnitSuggestionsDocument,
    variables: { prefix },
    pause: prefix.length < 2,
  });
  const [{ data: unitData, error: unitError }, unitAgain] = useQuery({
    query: IntakeUnitDocument,
    variables: { serial: chosen ?? '' },
    pause: !chosen,
  });
  // A search refused while the session was expired runs again after sign-in.
  useSignedInAgain(() => {
    if (prefix.length >= 2) suggestAgain({ requestPolicy: 'network-only' });
    if (chosen) unitAgain({ requestPolicy: 'network-only' });
  });
  const unit = chosen && unitData?.unit.serialNumber === chosen ? unitData.unit : undefined;

  // The owner's contact fills the form once per unit chosen; edits stay.
  const prefilledFor = useRef<string | null>(null);
  useEffect(() => {
    if (!unit?.customer || prefilledFor.current === unit.serialNumber) return;
    prefilledFor.current = unit.serialNumber;
    form.setFieldsValue({
      contactName: unit.customer.contactName ?? unit.customer.name,
      contactPhone: unit.customer.phone ?? undefined,
      contactEmail: unit.customer.email ?? undefined,
    });
  }, [unit, form]);

  const serialOptions = useMemo(
    () =>
      prefix.length < 2
        ? []
        : (suggestions?.units.nodes ?? []).map((u) => ({
            value: u.serialNumber,
            label: (
              <Flex justify="space-between" gap={8}>
                <strong>{u.serialNumber}</strong>
                <Typography.Text type="secondary" ellipsis>
                  {[u.model?.name, u.customer?.name].filter(Boolean).join(' · ')}
                </Typography.Text>
              </Flex>
            ),
          })),
    [suggestions, prefix],
  );

  const [{ fetching: reporting }, reportFault] = useMutation(IntakeReportFaultDocument);
  const [general, setGeneral] = useState<string[]>([]);
  const [reported, setReported] = useState<ReportedTicket | null>(null);

  const submit = async (values: Values) => {
    setGeneral([]);
    const result = await reportFault({
      input: {
        serialNumber: values.serialNumber.trim(),
        channel: values.channel,
        faultCategory: values.faultCategory!,
        severity: values.severity,
        faultDescription: values.faultDescription,
        contactName: values.contactName || null,
        contactPhone: values.contactPhone || null,
        contactEmail: values.contactEmail || null,
        personalInjury: values.personalInjury,
      },
    });
    if (result.error) {
      // An expired session opens the sign-in dialog over the form; sending
      // again afterwards is all it takes, so it needs no words here.
      const problems = problemsOf(result.error).filter((p) => p.code !== 'UNAUTHENTICATED');
      const split = splitByField(problems, FIELDS, locale);
      form.setFields(split.fieldErrors);
      setGeneral(split.general);
      return;
    }
    if (result.data) setReported(result.data.reportFault.ticket);
  };

  const another = () => {
    form.resetFields();
    prefilledFor.current = null;
    setTyped('');
    setChosen(null);
    setGeneral([]);
    setReported(null);
  };

  const chooseTyped = () => {
    const text = String(form.getFieldValue('serialNumber') ?? '').trim().toUpperCase();
    const match = suggestions?.units.nodes.find((u) => u.serialNumber.toUpperCase() === text);
    if (match && match.serialNumber !== chosen) {
      form.setFieldValue('serialNumber', match.serialNumber);
      setChosen(match.serialNumber);
    }
  };

  const serialItem = (
    <Form.Item name="serialNumber" label={t('serial')} rules={[{ required: true, whitespace: true, message: t('serialRequired') }]}>
      <AutoComplete
        options={serialOptions}
        virtual={false}
        onSearch={setTyped}
        onSelect={(serial: string) => setChosen(serial)}
        onChange={(text: string) => {
          if (chosen && text !== chosen) setChosen(null);
        }}
        onBlur={chooseTyped}
        notFoundContent={prefix.length >= 2 && !suggesting && !suggestError ? t('noUnit') : null}
      >
        <Input data-testid="serial-input" placeholder={t('serialPlaceholder')} autoComplete="off" allowClear />
      </AutoComplete>
    </Form.Item>
  );

  const fields = (
    <>
      {general.length > 0 && (
        <Alert type="error" showIcon style={{ marginBottom: 16 }} title={general.map((g, i) => <div key={i}>{g}</div>)} />
      )}
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="channel" label={t('channel')}>
            <Select data-testid="report-channel" disabled={dealer} options={options(CHANNEL, locale)} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="faultCategory" label={t('faultCategory')} rules={[{ required: true, message: t('categoryRequired') }]}>
            <Select data-testid="fault-category" options={options(FAULT_CATEGORY, locale)} placeholder={t('faultCategory')} />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="severity" label={t('severity')}>
        <Select data-testid="report-severity" options={options(SEVERITY, locale)} />
      </Form.Item>
      <Form.Item
        name="faultDescription"
        label={t('description')}
        rules={[{ required: true, whitespace: true, message: t('descriptionRequired') }]}
      >
        <Input.TextArea data-testid="fault-description" rows={4} placeholder={t('descriptionPlaceholder')} />
      </Form.Item>
      <Row gutter={16}>
        <Col xs={24} sm={12}>
          <Form.Item name="contactName" label={t('contactName')}>
            <Input data-testid="report-contact-name" />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12}>
          <Form.Item name="contactPhone" label={t('contactPhone')}>
            <Input data-testid="report-contact-phone" inputMode="tel" />
          </Form.Item>
        </Col>
      </Row>
      <Form.Item name="contactEmail" label={t('contactEmail')}>
        <Input type="email" />
      </Form.Item>
      <Form.Item name="personalInjury" valuePropName="checked">
        <Checkbox>{t('personalInjury')}</Checkbox>
      </Form.Item>
      <Button data-testid="report-submit" type="primary" htmlType="submit" loading={reporting} block={phone}>
        {t('submit')}
      </Button>
    </>
  );

  const panel = (
    <UnitPanel
      serial={chosen}
      unit={unit}
      unitError={unitError ? problemsOf(unitError).map((p) => sentence(p, locale)).join(' ') : null}
      category={category}
      reportedId={reported?.id}
    />
  );

  let body: ReactNode;
  if (reported) {
    body = (
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={14}>
          <Card size={phone ? 'small' : 'medium'}>
            <ReportResult ticket={reported} onAnother={another} phone={phone} />
          </Card>
        </Col>
        <Col xs={24} lg={10}>
          {panel}
        </Col>
      </Row>
    );
  } else if (phone) {
    body = (
      <Flex vertical gap={12}>
        <Card title={t('title')} size="small">
          {serialItem}
        </Card>
        {chosen && panel}
        <Card size="small">{fields}</Card>
      </Flex>
    );
  } else {
    body = (
      <Row gutter={16}>
        <Col span={14}>
          <Card title={t('title')}>
            {serialItem}
            {fields}
          </Card>
        </Col>
        <Col span={10}>{panel}</Col>
      </Row>
    );
  }

  return (
    <Form<Values>
      form={form}
      layout="vertical"
      onFinish={submit}
      initialValues={{ channel: dealer ? 'DEALER' : 'PHONE', severity: 'GENERAL', personalInjury: false }}
    >
      {body}
    </Form>
  );
}
