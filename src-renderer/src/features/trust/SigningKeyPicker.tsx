import { Anchor, Button, Group, Paper, Select, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { TrustSettingsView } from '../../../../src-main/ipc/contract.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { emptyKeyDraft, GenerateKeyFields, generateInput } from './GenerateKeyFields.js';
import { trustErrorTitle } from './trust-errors.js';

type SigningKey = TrustSettingsView['signingKeys'][number];

/** A new key, made right here: the sign dialog should not send the user off to the settings. */
function InlineGenerate({
  onCreated,
  onCancel,
}: {
  onCreated: (name: string) => void;
  onCancel?: () => void;
}) {
  const changeTrustSettings = useApp((s) => s.changeTrustSettings);
  const [draft, setDraft] = useState(emptyKeyDraft);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();
  const generate = async () => {
    setBusy(true);
    setError(undefined);
    try {
      const input = generateInput(draft);
      await changeTrustSettings('trust.signingKeys.generate', input);
      onCreated(input.name);
    } catch (caught) {
      setError(errorShape(caught));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Paper withBorder p="xs" data-testid="sign-generate">
      <Stack gap="xs">
        <Text fz="xs" fw={600}>
          New signing key (ECDSA P-256, as cosign makes)
        </Text>
        <GenerateKeyFields draft={draft} onChange={setDraft} testIdPrefix="sign-generate" autoFocus />
        {error && <ErrorAlert titleOf={trustErrorTitle} error={error} testId="sign-generate-error" />}
        <Group gap="xs" justify="flex-end">
          {onCancel && (
            <Button variant="default" onClick={onCancel}>
              Cancel
            </Button>
          )}
          <Button
            variant="default"
            loading={busy}
            disabled={draft.name.trim() === ''}
            onClick={() => void generate()}
            data-testid="sign-generate-submit"
          >
            Generate key
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** Which of the user's signing keys signs; or a new one, generated inline. */
export function SigningKeyPicker({
  keys,
  value,
  onChange,
}: {
  keys: readonly SigningKey[];
  value: string | undefined;
  onChange: (name: string) => void;
}) {
  const [generating, setGenerating] = useState(false);
  if (keys.length === 0 || generating) {
    return (
      <Stack gap={4}>
        {keys.length === 0 && (
          <Text fz="xs" c="dimmed">
            You have no signing key yet. Generate one: its public half (cosign.pub) is what others verify
            with.
          </Text>
        )}
        <InlineGenerate
          onCreated={(name) => {
            setGenerating(false);
            onChange(name);
          }}
          onCancel={keys.length > 0 ? () => setGenerating(false) : undefined}
        />
      </Stack>
    );
  }
  return (
    <Stack gap={4}>
      <Select
        label="Signing key"
        data={keys.map((key) => ({
          value: key.name,
          label: `${key.name} · ${key.keyId.slice(0, 12)}${key.protection === 'password' ? ' · password' : ''}`,
        }))}
        value={value ?? null}
        onChange={(name) => name && onChange(name)}
        allowDeselect={false}
        data-testid="sign-key"
        comboboxProps={{ withinPortal: true }}
      />
      <Anchor
        component="button"
        type="button"
        style={{ alignSelf: 'flex-start' }}
        fz="xs"
        onClick={() => setGenerating(true)}
        data-testid="sign-new-key"
      >
        Generate a new key…
      </Anchor>
    </Stack>
  );
}
