// A select whose option list leaves the page once it closes (antd keeps a
// closed list hidden in the page): with several pickers on one form, the
// options on the page are only those of the list that is open.
import { Select, type SelectProps } from 'antd';
import { useState } from 'react';

export function PickSelect(props: SelectProps) {
  const [round, setRound] = useState(0);
  return (
    <Select
      key={round}
      {...props}
      onOpenChange={(open) => {
        props.onOpenChange?.(open);
        if (!open) setRound((r) => r + 1);
      }}
    />
  );
}
