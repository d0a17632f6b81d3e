import { AutoComplete, Card } from 'antd';
import { useState } from 'react';
import { useQuery } from 'urql';
import { UnitSuggestionsDocument } from '../../gql/graphql';

export default function ReportFaultPage() {
  const [prefix, setPrefix] = useState('');
  const [{ data }] = useQuery({ query: UnitSuggestionsDocument, variables: { prefix }, pause: prefix.length < 2 });
  return (
    <Card>
      <AutoComplete
        style={{ width: 300 }}
        onSearch={setPrefix}
        options={(data?.units.nodes ?? []).map((u) => ({ value: u.serialNumber }))}
      />
    </Card>
  );
}
