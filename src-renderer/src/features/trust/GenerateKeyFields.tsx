import { Stack, TextInput } from '@mantine/core';
import { KeyPasswordInput } from './KeyPasswordInput.js';

export interface GenerateKeyDraft {
  name: string;
  password: string;
}

/** What a password that seals a stored key is for; a new key and an imported one say the same. */
export const SEALING_PASSWORD =
  'Encrypts the private key on disk. Needed where no system keychain is available, as in browser mode.';

export const emptyKeyDraft: GenerateKeyDraft = { name: '', password: '' };

/** `trust.signingKeys.generate`'s input from the draft: no password means the system keychain. */
export function generateInput(draft: GenerateKeyDraft): { name: string; password?: string } {
  return { name: draft.name.trim(), ...(draft.password ? { password: draft.password } : {}) };
}

/**
 * Name and password of a new signing key. The password seals the private key at rest; without one
 * the system keychain does, where there is one (not in browser mode).
 */
export function GenerateKeyFields({
  draft,
  onChange,
  testIdPrefix,
  autoFocus,
}: {
  draft: GenerateKeyDraft;
  onChange: (draft: GenerateKeyDraft) => void;
  testIdPrefix: string;
  autoFocus?: boolean;
}) {
  return (
    <Stack gap="xs">
      <TextInput
        label="Key name"
        placeholder="release-signing"
        description="Letters, digits, dot, dash or underscore."
        value={draft.name}
        onChange={(event) => onChange({ ...draft, name: event.currentTarget.value })}
        data-autofocus={autoFocus || undefined}
        data-testid={`${testIdPrefix}-name`}
        required
      />
      <KeyPasswordInput
        label="Password"
        description={SEALING_PASSWORD}
        value={draft.password}
        onChange={(password) => onChange({ ...draft, password })}
        testId={`${testIdPrefix}-password`}
        autoComplete="new-password"
      />
    </Stack>
  );
}
