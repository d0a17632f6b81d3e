// Picks a dealer by name for a DEALER user: the API searches as the user
// types; the value is the dealer's code, as createUser takes it.
import { Select } from 'antd';
import { useEffect, useState } from 'react';
import { useQuery } from 'urql';
import { AdminDealersDocument } from '../../../gql/graphql';

interface Props {
  value?: string;
  onChange?: (code: string | undefined) => void;
  placeholder: string;
  id?: string;
}

export function DealerSelect({ value, onChange, placeholder, id }: Props) {
  const [typed, setTyped] = useState('');
  const [search, setSearch] = useState('');
  // One request per pause in typing, not per key.
  useEffect(() => {
    const timer = setTimeout(() => setSearch(typed.trim()), 250);
    return () => clearTimeout(timer);
  }, [typed]);
  const [{ data, fetching }] = useQuery({ query: AdminDealersDocument, variables: { search: search || null } });
  const options = (data?.dealers.nodes ?? []).map((dealer) => ({
    value: dealer.code,
    label: `${dealer.name} · ${dealer.code} · ${dealer.region}`,
  }));
  return (
    <Select
      id={id}
      data-testid="user-dealer"
      value={value}
      onChange={onChange}
      options={options}
      loading={fetching}
      placeholder={placeholder}
      showSearch={{ filterOption: false, onSearch: setTyped }}
      allowClear
    />
  );
}
