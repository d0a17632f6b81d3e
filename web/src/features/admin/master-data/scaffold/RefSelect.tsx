// A select of another record (a unit's customer, model, dealer, policy; a
// contract's unit) that searches the API's list as the user types, so it
// works however many records there are.
import { Select } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useQuery, type AnyVariables, type TypedDocumentNode } from 'urql';
import { useT } from '../../../../app/i18n';
import {
  MdCustomersDocument,
  MdDealersDocument,
  MdProductModelsDocument,
  MdUnitSerialDocument,
  MdUnitsDocument,
  MdWarrantyPoliciesDocument,
} from '../../../../gql/graphql';
import { scaffoldMessages } from './messages';
import type { RefKind, RefOption } from './types';

const SHOWN = 20;

interface Source<Q, V extends AnyVariables> {
  query: TypedDocumentNode<Q, V>;
  variables: (search: string) => V;
  options: (data: Q) => RefOption[];
  /** Listed whole: the select filters what it has instead of asking again. */
  local?: boolean;
  /** A picked record the caller cannot name is looked up by id (units: a contract knows only the id). */
  lookUp?: boolean;
}

function source<Q, V extends AnyVariables>(s: Source<Q, V>): Source<Q, V> {
  return s;
}

const CUSTOMERS = source({
  query: MdCustomersDocument,
  variables: (search) => ({ filter: search ? { search } : null, first: SHOWN }),
  options: (data) => data.customers.nodes.map((c) => ({ value: c.id, label: `${c.name}（${c.province}）` })),
});
const MODELS = source({
  query: MdProductModelsDocument,
  variables: (search) => ({ filter: search ? { search } : null, first: SHOWN }),
  options: (data) => data.productModels.nodes.map((m) => ({ value: m.id, label: `${m.code} · ${m.name}` })),
});
const DEALERS = source({
  query: MdDealersDocument,
  variables: (search) => ({ filter: search ? { search } : null, first: SHOWN }),
  options: (data) => data.dealers.nodes.map((d) => ({ value: d.id, label: `${d.code} · ${d.name}` })),
});
// Few policies exist: the active ones are listed whole and filtered here.
const POLICIES = source({
  query: MdWarrantyPoliciesDocument,
  variables: () => ({ active: true, first: 200 }),
  local: true,
  options: (data) =>
    data.warrantyPolicies.nodes.map((p) => ({ value: p.id, label: `${p.code} · ${p.name}` })),
});
const UNITS = source({
  query: MdUnitsDocument,
  variables: (search) => ({ filter: search ? { serialPrefix: search } : null, first: SHOWN }),
  options: (data) =>
    data.units.nodes.map((u) => ({ value: u.id, label: u.model ? `${u.serialNumber}（${u.model.code}）` : u.serialNumber })),
  lookUp: true,
});

interface Props {
  value?: string | null;
  onChange?: (value: string | null) => void;
  current?: RefOption | null;
  allowClear?: boolean;
  disabled?: boolean;
  id?: string;
  testId?: string;
  placeholder?: string;
}

function useDebounced(value: string, ms: number): string {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(timer);
  }, [value, ms]);
  return settled;
}

function SearchSelect<Q, V extends AnyVariables>({ source: s, value, onChange, current, allowClear, disabled, id, testId, placeholder }: Props & { source: Source<Q, V> }) {
  const t = useT(scaffoldMessages);
  const [search, setSearch] = useState('');
  const settled = useDebounced(search.trim(), 250);
  const variables = useMemo(() => s.variables(settled), [s, settled]);
  const [{ data, fetching }] = useQuery({ query: s.query, variables });
  const found = useMemo(() => (data ? s.options(data) : []), [data, s]);
  const unnamed = !!s.lookUp && !!value && !current && !found.some((o) => o.value === value);
  const [{ data: one }] = useQuery({ query: MdUnitSerialDocument, variables: { id: value ?? '' }, pause: !unnamed });
  const options = useMemo(() => {
    const picked = current ?? (one?.unit && one.unit.id === value ? { value: one.unit.id, label: one.unit.serialNumber } : null);
    // The picked record stays nameable when the search no longer lists it.
    return picked && !found.some((o) => o.value === picked.value) ? [picked, ...found] : found;
  }, [found, current, one, value]);
  return (
    <Select
      id={id}
      data-testid={testId}
      showSearch={s.local ? { optionFilterProp: 'label' } : { filterOption: false, onSearch: setSearch }}
      value={value ?? undefined}
      onChange={(next: string | undefined) => onChange?.(next ?? null)}
      options={options}
      loading={fetching}
      allowClear={allowClear}
      disabled={disabled}
      placeholder={placeholder ?? t('pickSearch')}
      style={{ width: '100%' }}
    />
  );
}

/** A select of `kind` records; its value is the record's id. */
export function RefSelect({ kind, ...props }: Props & { kind: RefKind }) {
  switch (kind) {
    case 'customer':
      return <SearchSelect source={CUSTOMERS} {...props} />;
    case 'productModel':
      return <SearchSelect source={MODELS} {...props} />;
    case 'dealer':
      return <SearchSelect source={DEALERS} {...props} />;
    case 'warrantyPolicy':
      return <SearchSelect source={POLICIES} {...props} />;
    case 'unit':
      return <SearchSelect source={UNITS} {...props} />;
  }
}
