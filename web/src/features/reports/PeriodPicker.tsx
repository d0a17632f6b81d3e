// A report period: its kind (month, quarter, year) and which one, with
// steps to the one before and after. Periods to come are not offered.
import { LeftOutlined, RightOutlined } from '@ant-design/icons';
import { Button, Segmented, Select, Space } from 'antd';
import { useMemo } from 'react';
import { useLocale, useT } from '../../app/i18n';
import { reportMessages } from './messages';
import {
  nextPeriod,
  parsePeriod,
  periodContaining,
  periodLabel,
  periodText,
  previousPeriod,
  type Period,
  type PeriodKind,
} from './period';

const HOW_MANY: Record<PeriodKind, number> = { month: 24, quarter: 12, year: 6 };

interface Props {
  value: Period;
  kinds: readonly PeriodKind[];
  onChange: (next: Period) => void;
  testId?: string;
}

export function PeriodPicker({ value, kinds, onChange, testId = 'period' }: Props) {
  const t = useT(reportMessages);
  const { locale } = useLocale();
  const latestText = periodText(periodContaining(value.kind, new Date()));
  const valueText = periodText(value);
  const options = useMemo(() => {
    const list: Period[] = [];
    let p = parsePeriod(latestText);
    for (let i = 0; p && i < HOW_MANY[p.kind]; i += 1) {
      list.push(p);
      p = previousPeriod(p);
    }
    const chosen = parsePeriod(valueText);
    if (chosen && !list.some((x) => periodText(x) === valueText)) list.push(chosen);
    return list.map((x) => ({ value: periodText(x), label: periodLabel(x, locale), period: x }));
  }, [valueText, latestText, locale]);
  const atLatest = valueText >= latestText;

  return (
    <Space wrap size={8}>
      {kinds.length > 1 && (
        <Segmented<PeriodKind>
          data-testid={`${testId}-kind`}
          value={value.kind}
          options={kinds.map((kind) => ({ value: kind, label: t(kind) }))}
          onChange={(kind) => onChange(periodContaining(kind, new Date()))}
        />
      )}
      <Space.Compact>
        <Button aria-label={t('previous')} icon={<LeftOutlined />} onClick={() => onChange(previousPeriod(value))} />
        <Select
          data-testid={testId}
          aria-label={t('period')}
          style={{ width: 150 }}
          value={periodText(value)}
          options={options.map(({ value: v, label }) => ({ value: v, label }))}
          onChange={(text) => {
            const chosen = options.find((o) => o.value === text);
            if (chosen) onChange(chosen.period);
          }}
        />
        <Button aria-label={t('next')} icon={<RightOutlined />} disabled={atLatest} onClick={() => onChange(nextPeriod(value))} />
      </Space.Compact>
    </Space>
  );
}
