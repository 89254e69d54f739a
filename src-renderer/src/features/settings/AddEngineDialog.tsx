import { Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { EngineEndpoint } from '../../../../src-main/core/engine/types.js';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { AddedEngineStatus } from './AddedEngineStatus.js';
import {
  type DraftField,
  draftToInput,
  type EngineDraft,
  emptyDraft,
  fieldErrorOf,
  isDraftComplete,
  takesTls,
  URL_EXAMPLES,
} from './engine-draft.js';

const urlHint = (
  <>
    One of{' '}
    {URL_EXAMPLES.map((example, index) => (
      <span key={example}>
        {index > 0 && ', '}
        <Text span ff="monospace" fz="inherit">
          {example}
        </Text>
      </span>
    ))}
  </>
);

/** Name and URL (with TLS for tcp://); main judges them, and its complaint goes under the field it names. */
function EngineForm({
  onAdded,
  onCancel,
}: {
  onAdded: (endpoint: EngineEndpoint) => void;
  onCancel: () => void;
}) {
  const [draft, setDraft] = useState<EngineDraft>(emptyDraft);
  const [error, setError] = useState<ErrorShape>();
  const [busy, setBusy] = useState(false);
  const addEngine = useApp((s) => s.addEngine);

  const edit = (change: Partial<EngineDraft>) => {
    setDraft((before) => ({ ...before, ...change }));
    setError(undefined);
  };
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!isDraftComplete(draft) || busy) return;
    setBusy(true);
    try {
      onAdded(await addEngine(draftToInput(draft)));
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };

  const fieldError = error && fieldErrorOf(error);
  const errorProps = { 'data-testid': 'engine-add-error', 'data-code': error?.code };
  const errorFor = (field: DraftField) => (fieldError?.field === field ? fieldError.message : undefined);

  return (
    <form onSubmit={(event) => void submit(event)}>
      <Stack gap="sm">
        <TextInput
          data-autofocus
          data-testid="engine-add-name"
          label="Name"
          description="How the engine switcher lists it"
          placeholder="build-server"
          value={draft.name}
          onChange={(event) => edit({ name: event.currentTarget.value })}
          error={errorFor('name')}
          errorProps={errorProps}
          spellCheck={false}
          autoComplete="off"
        />
        <TextInput
          data-testid="engine-add-url"
          label="URL"
          description={urlHint}
          placeholder="ssh://user@build-server"
          value={draft.url}
          onChange={(event) => edit({ url: event.currentTarget.value })}
          error={errorFor('url')}
          errorProps={errorProps}
          spellCheck={false}
          autoComplete="off"
        />
        {takesTls(draft.url) && (
          <>
            <TextInput
              data-testid="engine-add-tls-path"
              label="TLS certificate folder"
              description="Holds ca.pem, cert.pem and key.pem, like DOCKER_CERT_PATH; optional"
              placeholder="~/.docker/certs/build-server"
              value={draft.tlsCertPath}
              onChange={(event) => edit({ tlsCertPath: event.currentTarget.value })}
              error={errorFor('tlsCertPath')}
              errorProps={errorProps}
              spellCheck={false}
              autoComplete="off"
            />
            <Switch
              size="sm"
              data-testid="engine-add-tls-verify"
              label="Use TLS and verify the engine's certificate"
              description="Like DOCKER_TLS_VERIFY=1. Off: any certificate is accepted; with no certificate folder, plain TCP unless the port is 2376."
              checked={draft.tlsVerify}
              onChange={(event) => edit({ tlsVerify: event.currentTarget.checked })}
            />
          </>
        )}
        {error && !fieldError && <ErrorAlert error={error} testId="engine-add-error" />}
        <DialogActions
          onCancel={onCancel}
          cancelTestId="engine-add-cancel"
          confirmLabel="Add engine"
          confirmTestId="engine-add-submit"
          busy={busy}
          disabled={!isDraftComplete(draft)}
        />
      </Stack>
    </form>
  );
}

/** "Add engine": the form, then (once main kept it) whether the new engine answers. */
export function AddEngineDialog({ onClose }: { onClose: () => void }) {
  const [added, setAdded] = useState<EngineEndpoint>();
  const checkEndpoint = useApp((s) => s.checkEndpoint);
  const onAdded = (endpoint: EngineEndpoint) => {
    setAdded(endpoint);
    void checkEndpoint(endpoint.id);
  };
  return (
    <Modal
      opened
      onClose={onClose}
      title={added ? `Added “${added.name}”` : 'Add engine'}
      attributes={{ content: { 'data-testid': 'engine-add-dialog' } }}
    >
      {added ? (
        <AddedEngineStatus endpoint={added} onClose={onClose} />
      ) : (
        <EngineForm onAdded={onAdded} onCancel={onClose} />
      )}
    </Modal>
  );
}
