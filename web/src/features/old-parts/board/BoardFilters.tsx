// The board's filters and the order of the rest; every change goes to the URL (view.ts).
import { Button, Flex, Segmented, Select } from 'antd';
import { useLocale, useT } from '../../../app/i18n';
import { OLD_PART_STATUS, options } from '../../../components/labels';
import type { OldPartOrderField, OrderDirection } from '../../../gql/enums';
import { boardMessages } from './messages';
import { activeFilters, type BoardView, type Lateness } from './view';

interface Props {
  view: BoardView;
  onChange: (change: Partial<BoardView>) => void;
  regions: string[];
  /** null hides the filter (an engineer sees only their own; a dealer only itself). */
  engineers: { id: string; displayName: string }[] | null;
  dealers: { id: string; name: string; code: string }[] | null;
  phone: boolean;
}

const SORTS: { key: string; field: OldPartOrderField; direction: OrderDirection; message: keyof typeof boardMessages.zh }[] = [
  { key: 'DUE_ON:DESC', field: 'DUE_ON', direction: 'DESC', message: 'sortDueDesc' },
  { key: 'DUE_ON:ASC', field: 'DUE_ON', direction: 'ASC', message: 'sortDueAsc' },
  { key: 'CREATED_AT:DESC', field: 'CREATED_AT', direction: 'DESC', message: 'sortNewest' },
  { key: 'APPROVAL_NUMBER:ASC', field: 'APPROVAL_NUMBER', direction: 'ASC', message: 'sortNumber' },
];

export function BoardFilters({ view, onChange, regions, engineers, dealers, phone }: Props) {
  const t = useT(boardMessages);
  const { locale } = useLocale();
  const width = phone ? '100%' : undefined;
  const sortKey = `${view.sort}:${view.direction}`;
  const lateness: { value: Lateness; label: string }[] = [
    { value: 'all', label: t('latenessAll') },
    { value: 'late', label: t('latenessLate') },
    { value: 'notLate', label: t('latenessNotLate') },
  ];
  return (
    <Flex wrap gap={8} align={phone ? 'stretch' : 'center'} vertical={phone}>
      <Segmented<Lateness>
        data-testid="filter-lateness"
        aria-label={t('filterLateness')}
        block={phone}
        value={view.lateness}
        options={lateness}
        onChange={(value) => onChange({ lateness: value })}
      />
      <Select
        data-testid="filter-status"
        allowClear
        placeholder={t('filterStatus')}
        style={{ minWidth: 140, width }}
        value={view.status ?? undefined}
        options={options(OLD_PART_STATUS, locale)}
        onChange={(status?: BoardView['status']) => onChange({ status: status ?? null })}
      />
      <Select
        data-testid="filter-region"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('filterRegion')}
        style={{ minWidth: 120, width }}
        value={view.region ?? undefined}
        options={regions.map((region) => ({ value: region, label: region }))}
        onChange={(region?: string) => onChange({ region: region ?? null })}
      />
      {engineers && (
        <Select
          data-testid="filter-engineer"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filterEngineer')}
          style={{ minWidth: 130, width }}
          value={view.engineerId ?? undefined}
          options={engineers.map((e) => ({ value: e.id, label: e.displayName }))}
          onChange={(engineerId?: string) => onChange({ engineerId: engineerId ?? null })}
        />
      )}
      {dealers && (
        <Select
          data-testid="filter-dealer"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filterDealer')}
          style={{ minWidth: 160, width }}
          value={view.dealerId ?? undefined}
          options={dealers.map((d) => ({ value: d.id, label: `${d.name} (${d.code})` }))}
          onChange={(dealerId?: string) => onChange({ dealerId: dealerId ?? null })}
        />
      )}
      {view.lateness !== 'late' && (
        <Select
          data-testid="board-sort"
          aria-label={t('sortBy')}
          style={{ minWidth: 180, width }}
          value={SORTS.some((s) => s.key === sortKey) ? sortKey : undefined}
          placeholder={t('sortBy')}
          options={SORTS.map((s) => ({ value: s.key, label: t(s.message) }))}
          onChange={(key: string) => {
            const sort = SORTS.find((s) => s.key === key);
            if (sort) onChange({ sort: sort.field, direction: sort.direction });
          }}
        />
      )}
      {activeFilters(view) > 0 && (
        <Button
          type="link"
          onClick={() => onChange({ status: null, lateness: 'all', region: null, engineerId: null, dealerId: null })}
        >
          {t('clear')}
        </Button>
      )}
    </Flex>
  );
}
