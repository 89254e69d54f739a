import { Center, Code, Loader, Modal, Stack, Text } from '@mantine/core';
import { type FormEvent, useEffect, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { KeyPasswordInput } from './KeyPasswordInput.js';
import { SigningKeyPicker } from './SigningKeyPicker.js';
import { SignRun } from './SignRun.js';
import { trustErrorTitle } from './trust-errors.js';
import type { SignTarget } from './trust-sign-slice.js';

/**
 * Sign one image with a cosign-compatible key: pick a key (or generate one here), give its password
 * when it is password-sealed, and follow the `trust.sign` task. The badge and Trust tab refresh when it ends.
 */
export function SignDialog({ target }: { target: SignTarget }) {
  const closeTrustDialog = useApp((s) => s.closeTrustDialog);
  const settings = useApp((s) => s.trustSettings);
  const loadTrustSettings = useApp((s) => s.loadTrustSettings);
  const startSign = useApp((s) => s.startSign);
  const [chosen, setChosen] = useState<string>();
  const [password, setPassword] = useState('');
  const [run, setRun] = useState<{ taskId?: string; error?: ErrorShape }>();

  useEffect(() => {
    void loadTrustSettings();
  }, [loadTrustSettings]);

  const keys = settings?.state === 'failed' ? [] : (settings?.value?.signingKeys ?? []);
  const keyName = chosen ?? (keys.length === 1 ? keys[0]!.name : undefined);
  const key = keys.find((candidate) => candidate.name === keyName);
  const needsPassword = key?.protection === 'password';

  const sign = async () => {
    if (!key) return;
    setRun({});
    try {
      setRun({ taskId: await startSign(target.reference, key.name, needsPassword ? password : undefined) });
    } catch (error) {
      setRun({ error: errorShape(error) });
    }
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void sign();
  };
  const at = target.reference.lastIndexOf('@');

  return (
    <Modal
      opened
      onClose={closeTrustDialog}
      size="lg"
      title={`Sign ${target.label}`}
      attributes={{ content: { 'data-testid': 'sign-dialog', 'data-mode': run ? 'run' : 'form' } }}
    >
      {run ? (
        <SignRun
          taskId={run.taskId}
          startError={run.error}
          keyName={key?.name ?? ''}
          onRetry={() => void sign()}
          onEdit={() => setRun(undefined)}
          onClose={closeTrustDialog}
        />
      ) : (
        <form onSubmit={submit}>
          <Stack gap="sm">
            <Text fz="xs" c="dimmed">
              Writes a cosign signature for{' '}
              {at === -1 ? (
                'the digest this tag points to'
              ) : (
                <Code fz="xs">{target.reference.slice(at + 1, at + 20)}…</Code>
              )}{' '}
              to the registry, next to the image. Whoever has your public key (cosign.pub) can verify it.
            </Text>
            {settings?.state === 'failed' && (
              <ErrorAlert
                titleOf={trustErrorTitle}
                error={settings.error}
                onRetry={() => void loadTrustSettings(true)}
              />
            )}
            {!settings || (settings.state === 'loading' && !settings.value) ? (
              <Center py="md">
                <Loader size="sm" />
              </Center>
            ) : (
              <SigningKeyPicker keys={keys} value={keyName} onChange={setChosen} />
            )}
            {needsPassword && (
              <KeyPasswordInput
                label={`Password of ${key.name}`}
                value={password}
                onChange={setPassword}
                testId="sign-password"
                data-autofocus
                autoComplete="current-password"
                required
              />
            )}
            <DialogActions
              onCancel={closeTrustDialog}
              cancelTestId="sign-cancel"
              confirmLabel="Sign"
              confirmTestId="sign-submit"
              disabled={!key || (needsPassword && password === '')}
            />
          </Stack>
        </form>
      )}
    </Modal>
  );
}
