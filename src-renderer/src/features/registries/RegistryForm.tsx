import { Alert, Stack, Switch, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { CaField } from './CaField.js';
import {
  hostProblem,
  isLoopbackHost,
  isRegistryDraftReady,
  type RegistryDraft,
  type RegistryField,
  registryFieldOf,
} from './registry-draft.js';
import { registryErrorTitle } from './registry-errors.js';

const INSECURE_HELP =
  'Plain HTTP, or HTTPS without checking the certificate: anyone on the way can read and change what you pull. Loopback registries (localhost, 127.0.0.1, [::1]) never need it.';

/**
 * Host, name, insecure and CA: for adding a registry (host editable) and editing one (host fixed).
 * Main judges the input; its complaint goes under the field it names, or above the buttons.
 */
export function RegistryForm({
  initial,
  editing,
  submitLabel,
  onSubmit,
  onCancel,
}: {
  initial: RegistryDraft;
  editing: boolean;
  submitLabel: string;
  onSubmit: (draft: RegistryDraft) => Promise<void>;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState(initial);
  const [error, setError] = useState<ErrorShape>();
  const [busy, setBusy] = useState(false);

  const edit = (change: Partial<RegistryDraft>) => {
    setDraft((before) => ({ ...before, ...change }));
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isRegistryDraftReady(draft) || busy) return;
    setBusy(true);
    try {
      await onSubmit(draft);
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };

  const field = error ? registryFieldOf(error) : undefined;
  const errorFor = (name: RegistryField) => (field === name ? error?.message : undefined);
  const errorProps = { 'data-testid': 'registry-add-error', 'data-code': error?.code };
  const loopback = isLoopbackHost(draft.host);

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <TextInput
          data-autofocus={editing ? undefined : true}
          data-testid="registry-add-host"
          label="Host"
          description="As image references write it: registry.example.com, 127.0.0.1:5000"
          placeholder="registry.example.com"
          value={draft.host}
          readOnly={editing}
          onChange={(event) => edit({ host: event.currentTarget.value })}
          error={hostProblem(draft.host) ?? errorFor('host')}
          errorProps={errorProps}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          data-autofocus={editing ? true : undefined}
          data-testid="registry-add-name"
          label="Name"
          description="How the navigation lists it; the host when empty"
          placeholder={draft.host.trim() || 'Team registry'}
          value={draft.name}
          onChange={(event) => edit({ name: event.currentTarget.value })}
          error={errorFor('name')}
          errorProps={errorProps}
          autoComplete="off"
        />
        <Switch
          size="sm"
          data-testid="registry-add-insecure"
          label="Insecure: plain HTTP or unverified TLS"
          description={INSECURE_HELP}
          checked={draft.insecure}
          onChange={(event) => edit({ insecure: event.currentTarget.checked })}
        />
        {draft.insecure && loopback && (
          <Alert color="blue" variant="light" py={6}>
            {draft.host.trim()} is a loopback address: Stevedore speaks plain HTTP to it anyway.
          </Alert>
        )}
        <CaField value={draft.caPem} onChange={(caPem) => edit({ caPem })} error={errorFor('caPem')} />
        {error && !field && (
          <ErrorAlert titleOf={registryErrorTitle} error={error} testId="registry-add-error" />
        )}
        <DialogActions
          onCancel={onCancel}
          cancelTestId="registry-add-cancel"
          confirmLabel={submitLabel}
          confirmTestId="registry-add-submit"
          busy={busy}
          disabled={!isRegistryDraftReady(draft)}
        />
      </Stack>
    </form>
  );
}
