// The queue's filters and order; every change goes to the URL (view.ts).
import { Button, Checkbox, Flex, Select, Tooltip } from 'antd';
import { useLocale, useT } from '../../../app/i18n';
import { options, TICKET_STATUS } from '../../../components/labels';
import type { OrderDirection, TicketOrderField } from '../../../gql/enums';
import { queueMessages } from './messages';
import { PROVINCES } from './regions';
import type { QueueView } from './view';

interface Props {
  view: QueueView;
  onChange: (change: Partial<QueueView>) => void;
  /** null hides the engineer filter (a dealer does not see the staff list). */
  engineers: { id: string; displayName: string }[] | null;
  phone: boolean;
}

const SORTS: { key: string; field: TicketOrderField; direction: OrderDirection; message: keyof typeof queueMessages.zh }[] = [
  { key: 'CREATED_AT:DESC', field: 'CREATED_AT', direction: 'DESC', message: 'sortNewest' },
  { key: 'CREATED_AT:ASC', field: 'CREATED_AT', direction: 'ASC', message: 'sortOldest' },
  { key: 'REPLY_DUE_AT:ASC', field: 'REPLY_DUE_AT', direction: 'ASC', message: 'sortReply' },
  { key: 'ARRIVAL_DUE_AT:ASC', field: 'ARRIVAL_DUE_AT', direction: 'ASC', message: 'sortArrival' },
  { key: 'NUMBER:ASC', field: 'NUMBER', direction: 'ASC', message: 'sortNumber' },
];

export function QueueFilters({ view, onChange, engineers, phone }: Props) {
  const t = useT(queueMessages);
  const { locale } = useLocale();
  const width = phone ? '100%' : undefined;
  const sortKey = `${view.sort}:${view.direction}`;
  const filtered =
    view.states.length > 0 || view.overdue || view.mine || view.region !== null || view.engineerId !== null;
  return (
    <Flex wrap gap={8} align={phone ? 'stretch' : 'center'} vertical={phone}>
      <Select
        data-testid="filter-status"
        mode="multiple"
        allowClear
        maxTagCount="responsive"
        placeholder={t('filterStatus')}
        style={{ minWidth: 220, width }}
        value={view.states}
        options={options(TICKET_STATUS, locale)}
        onChange={(states) => onChange({ states })}
      />
      <Select
        data-testid="filter-region"
        allowClear
        showSearch={{ optionFilterProp: 'label' }}
        placeholder={t('filterRegion')}
        style={{ minWidth: 160, width }}
        value={view.region ?? undefined}
        options={PROVINCES.map(([zh, en]) => ({ value: zh, label: locale === 'zh' ? zh : `${en} ${zh}` }))}
        onChange={(region?: string) => onChange({ region: region ?? null })}
      />
      {engineers && (
        <Select
          data-testid="filter-engineer"
          allowClear
          showSearch={{ optionFilterProp: 'label' }}
          placeholder={t('filterEngineer')}
          style={{ minWidth: 140, width }}
          value={view.engineerId ?? undefined}
          options={engineers.map((e) => ({ value: e.id, label: e.displayName }))}
          onChange={(engineerId?: string) => onChange({ engineerId: engineerId ?? null })}
        />
      )}
      <Flex gap={8} align="center" wrap>
        <Checkbox data-testid="filter-overdue" checked={view.overdue} onChange={(e) => onChange({ overdue: e.target.checked })}>
          {t('filterOverdue')}
        </Checkbox>
        <Tooltip title={t('filterMineHint')}>
          <Checkbox data-testid="filter-mine" checked={view.mine} onChange={(e) => onChange({ mine: e.target.checked })}>
            {t('filterMine')}
          </Checkbox>
        </Tooltip>
      </Flex>
      <Select
        data-testid="queue-sort"
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
      {filtered && (
        <Button
          type="link"
          onClick={() =>
            onChange({ states: [], overdue: false, mine: false, region: null, engineerId: null })
          }
        >
          {t('clear')}
        </Button>
      )}
    </Flex>
  );
}
