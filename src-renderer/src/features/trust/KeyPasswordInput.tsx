import { PasswordInput, type PasswordInputProps } from '@mantine/core';

export type KeyPasswordInputProps = Omit<PasswordInputProps, 'size' | 'value' | 'onChange'> & {
  value: string;
  onChange: (value: string) => void;
  testId: string;
  /** `new-password` for one that seals a key, `current-password` for one that opens it, `off` for a key file's. */
  autoComplete?: 'new-password' | 'current-password' | 'off';
};

/** A signing key's password field, small like the rest of the trust forms. */
export function KeyPasswordInput({ value, onChange, testId, ...props }: KeyPasswordInputProps) {
  return (
    <PasswordInput
      size="xs"
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      data-testid={testId}
      {...props}
    />
  );
}
