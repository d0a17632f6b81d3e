// A password input with a button that fills in a strong random one (shown
// in clear so the administrator can hand it over).
import { Button, Input, Space } from 'antd';
import { useState } from 'react';
import { generatePassword } from './users';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  generateLabel: string;
  testId: string;
}

export function PasswordField({ id, value, onChange, generateLabel, testId }: Props) {
  const [visible, setVisible] = useState(false);
  return (
    <Space.Compact style={{ width: '100%' }}>
      <Input.Password
        id={id}
        data-testid={testId}
        value={value}
        autoComplete="new-password"
        visibilityToggle={{ visible, onVisibleChange: setVisible }}
        onChange={(event) => onChange?.(event.target.value)}
      />
      <Button
        data-testid={`${testId}-generate`}
        onClick={() => {
          onChange?.(generatePassword());
          setVisible(true);
        }}
      >
        {generateLabel}
      </Button>
    </Space.Compact>
  );
}
