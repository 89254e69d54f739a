import { Modal, Stack, Text, TextInput } from '@mantine/core';
import { type FormEvent, type ReactNode, useState } from 'react';
import type { ErrorShape } from '../../../../../src-main/core/errors.js';
import { errorShape } from '../../../lib/errors.js';
import { DialogActions } from '../../../ui/DialogActions.js';
import { ErrorAlert } from '../../../ui/ErrorAlert.js';
import { trustErrorTitle } from '../trust-errors.js';
import { nameFromFile } from './name-from-file.js';
import { TextFileField } from './TextFileField.js';

export interface PemImportDialogProps {
  title: string;
  intro: ReactNode;
  textLabel: string;
  placeholder: string;
  accept: string;
  confirmLabel: string;
  /** Names the parts for tests: `<testId>-dialog`, `-name`, `-text`, `-submit`, `-error`. */
  testId: string;
  /** Saves; the dialog closes when it resolves and shows main's error when it rejects. */
  save: (name: string, text: string) => Promise<unknown>;
  onClose: () => void;
  /** More fields under the text (passwords of a key file). */
  children?: ReactNode;
}

/** Imports named material (a public key, CA certificates, a trusted root) by paste or file. */
export function PemImportDialog({
  title,
  intro,
  textLabel,
  placeholder,
  accept,
  confirmLabel,
  testId,
  save,
  onClose,
  children,
}: PemImportDialogProps) {
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorShape>();

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    try {
      await save(name.trim(), text);
      onClose();
    } catch (caught) {
      setError(errorShape(caught));
      setBusy(false);
    }
  };

  return (
    <Modal
      opened
      onClose={onClose}
      title={title}
      size="lg"
      attributes={{ content: { 'data-testid': `${testId}-dialog` } }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <Text fz="xs" c="dimmed">
            {intro}
          </Text>
          <TextInput
            label="Name"
            description="Letters, digits, dot, dash or underscore."
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            data-autofocus
            data-testid={`${testId}-name`}
            required
          />
          <TextFileField
            label={textLabel}
            placeholder={placeholder}
            accept={accept}
            value={text}
            onChange={setText}
            onFileName={(file) => setName((current) => current || nameFromFile(file))}
            testId={`${testId}-text`}
          />
          {children}
          {error && <ErrorAlert titleOf={trustErrorTitle} error={error} testId={`${testId}-error`} />}
          <DialogActions
            onCancel={onClose}
            confirmLabel={confirmLabel}
            confirmTestId={`${testId}-submit`}
            busy={busy}
            disabled={name.trim() === '' || text.trim() === ''}
          />
        </Stack>
      </form>
    </Modal>
  );
}
