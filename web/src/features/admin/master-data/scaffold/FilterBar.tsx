// The filters of a list, each bound to a URL search param.
import { DatePicker, Flex, Input, Select } from 'antd';
import dayjs from 'dayjs';
import { useLocale, useT } from '../../../../app/i18n';
import { scaffoldMessages } from './messages';
import { RefSelect } from './RefSelect';
import type { FilterSpec, FilterValues } from './types';

interface Props<K extends string> {
  filters: FilterSpec<K>[];
  values: FilterValues;
  onChange: (name: string, value: string | undefined) => void;
  t: (key: K) => string;
  phone: boolean;
}

export function FilterBar<K extends string>({ filters, values, onChange, t, phone }: Props<K>) {
  const s = useT(scaffoldMessages);
  const { locale } = useLocale();
  const width = phone ? '100%' : 200;
  return (
    <Flex gap={8} wrap vertical={phone}>
      {filters.map((filter) => {
        const value = values[filter.name];
        const testId = `filter-${filter.name}`;
        switch (filter.kind) {
          case 'search':
            return (
              <Input.Search
                key={filter.name}
                allowClear
                placeholder={t(filter.label)}
                defaultValue={value}
                onSearch={(text) => onChange(filter.name, text.trim() || undefined)}
                style={{ width: phone ? '100%' : 240 }}
                data-testid={testId}
              />
            );
          case 'enum':
            return (
              <Select
                key={filter.name}
                allowClear
                placeholder={t(filter.label)}
                value={value}
                onChange={(next: string | undefined) => onChange(filter.name, next)}
                options={Object.entries(filter.words).map(([v, pair]) => ({ value: v, label: pair[locale === 'zh' ? 0 : 1] }))}
                style={{ width }}
                data-testid={testId}
              />
            );
          case 'bool':
            return (
              <Select
                key={filter.name}
                allowClear
                placeholder={t(filter.label)}
                value={value}
                onChange={(next: string | undefined) => onChange(filter.name, next)}
                options={[
                  { value: 'yes', label: `${t(filter.label)}：${s('yes')}` },
                  { value: 'no', label: `${t(filter.label)}：${s('no')}` },
                ]}
                style={{ width }}
                data-testid={testId}
              />
            );
          case 'year':
            return (
              <DatePicker
                key={filter.name}
                picker="year"
                allowClear={false}
                value={value ? dayjs(`${value}-01-01`) : dayjs()}
                onChange={(next) => onChange(filter.name, next ? next.format('YYYY') : undefined)}
                style={{ width }}
                data-testid={testId}
              />
            );
          case 'ref':
            return (
              <div key={filter.name} style={{ width }}>
                <RefSelect kind={filter.ref} value={value} onChange={(next) => onChange(filter.name, next ?? undefined)} allowClear testId={testId} placeholder={t(filter.label)} />
              </div>
            );
        }
      })}
    </Flex>
  );
}
