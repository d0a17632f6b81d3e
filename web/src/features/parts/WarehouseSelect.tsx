// The warehouses to choose from (there are few: one page of the API holds them all).
import { Select } from 'antd';
import { useQuery } from 'urql';
import { useT } from '../../app/i18n';
import { StockWarehousesDocument } from '../../gql/graphql';
import { partsMessages } from './messages';

interface Props {
  value: string | null;
  onChange: (id: string | null) => void;
  /** Offer "all warehouses" (the empty choice). */
  allowAll?: boolean;
  placeholder?: string;
  testId: string;
  width?: number | string;
}

export function WarehouseSelect({ value, onChange, allowAll, placeholder, testId, width = 220 }: Props) {
  const t = useT(partsMessages);
  const [{ data, fetching }] = useQuery({ query: StockWarehousesDocument });
  const options = (data?.warehouses.nodes ?? []).map((warehouse) => ({
    value: warehouse.id,
    label: `${warehouse.code} · ${warehouse.name}`,
  }));
  return (
    <Select
      data-testid={testId}
      style={{ width }}
      loading={fetching}
      value={value ?? (allowAll ? '' : undefined)}
      placeholder={placeholder}
      options={allowAll ? [{ value: '', label: t('allWarehouses') }, ...options] : options}
      onChange={(next: string) => onChange(next || null)}
      showSearch={{ optionFilterProp: 'label' }}
    />
  );
}
