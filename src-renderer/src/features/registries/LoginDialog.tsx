import { Alert, Modal, PasswordInput, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { useDialogAction } from '../../ui/use-dialog-action.js';
import { ACCOUNT_SOURCE_WORDS } from './account-source.js';
import { LOGIN_FIELD_TITLES, registryErrorTitle } from './registry-errors.js';
import { isDockerHub } from './registry-ref.js';

/** Which field an INVALID_INPUT belongs under, from the schema issue's path. */
function invalidField(error: ErrorShape): 'username' | 'password' | undefined {
  if (error.code !== 'INVALID_INPUT' || !Array.isArray(error.details)) return undefined;
  const issue: unknown = error.details[0];
  if (typeof issue !== 'object' || issue === null || !('path' in issue) || !Array.isArray(issue.path)) return;
  const first: unknown = issue.path[0];
  return first === 'username' || first === 'password' ? first : undefined;
}

/**
 * `registries.login`: main checks the credentials against the registry before it stores them.
 * A refusal (UNAUTHORIZED, DENIED) shows under the password; no secure storage shows main's advice.
 */
export function LoginDialog({ registry, onClose }: { registry: RegistrySummary; onClose: () => void }) {
  const [username, setUsername] = useState(registry.account?.username ?? '');
  const [password, setPassword] = useState('');
  const loginRegistry = useApp((s) => s.loginRegistry);
  const { busy, error, run, clearError } = useDialogAction(
    () => loginRegistry(registry.host, username, password),
    onClose,
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (username !== '' && password !== '') void run();
  };

  const errorProps = { 'data-testid': 'login-error', 'data-code': error?.code };
  const refusal = error ? LOGIN_FIELD_TITLES[error.code] : undefined;
  const field = error ? (refusal ? 'password' : invalidField(error)) : undefined;
  const fieldMessage = (name: 'username' | 'password') =>
    error && field === name ? (refusal ? `${refusal}. ${error.message}` : error.message) : undefined;

  return (
    <Modal
      opened
      onClose={onClose}
      title={`Log in to ${registry.name}`}
      attributes={{ content: { 'data-testid': 'login-dialog' } }}
    >
      <form onSubmit={submit}>
        <Stack gap="sm">
          {registry.account && (
            <Text size="sm" c="dimmed">
              Now logged in as {registry.account.username}, {ACCOUNT_SOURCE_WORDS[registry.account.source]}.
            </Text>
          )}
          <TextInput
            data-autofocus
            data-testid="login-username"
            label="User name"
            value={username}
            onChange={(event) => {
              setUsername(event.currentTarget.value);
              clearError();
            }}
            error={fieldMessage('username')}
            errorProps={errorProps}
            autoComplete="username"
            spellCheck={false}
          />
          <PasswordInput
            data-testid="login-password"
            label={isDockerHub(registry.host) ? 'Personal access token' : 'Password or token'}
            description={
              isDockerHub(registry.host)
                ? 'Create one in Docker Hub under Account settings → Personal access tokens'
                : undefined
            }
            value={password}
            onChange={(event) => {
              setPassword(event.currentTarget.value);
              clearError();
            }}
            error={fieldMessage('password')}
            errorProps={errorProps}
            autoComplete="current-password"
          />
          {error?.code === 'NO_SECURE_STORAGE' && (
            <Alert color="orange" variant="light" title={registryErrorTitle(error.code)} {...errorProps}>
              {error.message}
            </Alert>
          )}
          {error && !field && error.code !== 'NO_SECURE_STORAGE' && (
            <ErrorAlert titleOf={registryErrorTitle} error={error} testId="login-error" />
          )}
          <DialogActions
            onCancel={onClose}
            cancelTestId="login-cancel"
            confirmLabel="Log in"
            confirmTestId="login-submit"
            busy={busy}
            disabled={username === '' || password === ''}
          />
        </Stack>
      </form>
    </Modal>
  );
}
