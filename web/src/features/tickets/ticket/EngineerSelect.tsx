// Engineers to choose from, each with where they are and whether they are
// out on a job; the rotation's pick (when there is one) first and labelled.
import { Select } from 'antd';
import { useT } from '../../../app/i18n';
import type { DispatchEngineersQuery } from '../../../gql/graphql';
import { ticketMessages } from './messages';

type Engineer = DispatchEngineersQuery['engineers']['nodes'][number];

interface Props {
  engineers: readonly Engineer[];
  suggestionId?: string | null;
  value?: string | null;
  onChange?: (value: string | null) => void;
  placeholder?: string;
  testId?: string;
  loading?: boolean;
}

export function EngineerSelect({ engineers, suggestionId, value, onChange, placeholder, testId, loading }: Props) {
  const t = useT(ticketMessages);
  const sorted = [...engineers].sort((a, b) => Number(b.id === suggestionId) - Number(a.id === suggestionId));
  const options = sorted.map((e) => {
    const state = !e.onDuty ? t('offDuty') : e.busyWith.length > 0 ? t('busy', { count: e.busyWith.length }) : t('free');
    const pick = e.id === suggestionId ? ` — ${t('rotationPick')}` : '';
    return { value: e.id, label: `${e.displayName} · ${e.region} · ${state}${pick}`, disabled: !e.onDuty };
  });
  return (
    <Select
      data-testid={testId}
      value={value ?? undefined}
      onChange={(next) => onChange?.(next ?? null)}
      options={options}
      allowClear
      showSearch={{ optionFilterProp: 'label' }}
      placeholder={placeholder}
      loading={loading}
      style={{ width: '100%' }}
    />
  );
}
