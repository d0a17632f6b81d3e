// A KPI against its target: the figure, the rule, and met (green) or
// missed (red) in words, not only in colour.
import { Card, Flex, Tag, Typography } from 'antd';
import { useT } from '../../app/i18n';
import { GREEN, RED } from './charts';
import { percent, targetRule, verdict, type KpiValue } from './kpi';
import { reportMessages } from './messages';

export function VerdictTag({ kpi, testId }: { kpi: KpiValue; testId?: string }) {
  const t = useT(reportMessages);
  const v = verdict(kpi);
  if (v === 'none') return <Tag data-testid={testId}>{t('noFigure')}</Tag>;
  return (
    <Tag data-testid={testId} data-verdict={v} color={v === 'met' ? 'success' : 'error'}>
      {t(v)}
    </Tag>
  );
}

/** The figure in the verdict's colour, for table cells. */
export function KpiCell({ kpi }: { kpi: KpiValue }) {
  const v = verdict(kpi);
  const color = v === 'met' ? GREEN : v === 'missed' ? RED : undefined;
  return <span style={{ color, fontWeight: v === 'none' ? undefined : 600 }}>{percent(kpi.value)}</span>;
}

export function KpiCard({ title, kpi, testId, note }: { title: string; kpi: KpiValue; testId: string; note?: string }) {
  const t = useT(reportMessages);
  const v = verdict(kpi);
  return (
    <Card
      size="small"
      data-testid={testId}
      style={{ height: '100%', borderTop: `3px solid ${v === 'met' ? GREEN : v === 'missed' ? RED : '#d9d9d9'}` }}
    >
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Flex align="baseline" gap={8} wrap>
          <Typography.Text
            data-testid={`${testId}-value`}
            style={{ fontSize: 26, fontWeight: 600, color: v === 'met' ? GREEN : v === 'missed' ? RED : undefined }}
          >
            {percent(kpi.value)}
          </Typography.Text>
          <VerdictTag kpi={kpi} testId={`${testId}-verdict`} />
        </Flex>
        <Typography.Text data-testid={`${testId}-target`}>{t('target', { rule: targetRule(kpi) })}</Typography.Text>
        {note && (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {note}
          </Typography.Text>
        )}
      </Flex>
    </Card>
  );
}

export function FigureCard({ title, value, testId }: { title: string; value: string; testId: string }) {
  return (
    <Card size="small" data-testid={testId} style={{ height: '100%' }}>
      <Flex vertical gap={4}>
        <Typography.Text type="secondary">{title}</Typography.Text>
        <Typography.Text style={{ fontSize: 22, fontWeight: 600 }}>{value}</Typography.Text>
      </Flex>
    </Card>
  );
}
