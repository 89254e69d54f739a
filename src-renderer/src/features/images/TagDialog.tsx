import { Modal, Stack, TextInput } from '@mantine/core';
import { type FormEvent, useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';

/** Errors about the reference typed go under the field; the rest (gone, unreachable) above the buttons. */
const FIELD_CODES = new Set(['INVALID_INPUT', 'INVALID_REFERENCE', 'CONFLICT']);

/** `docker tag`: a new `repository[:tag]` for an image; the engine's complaint is shown inline by code. */
export function TagDialog({ imageId, label }: { imageId: string; label: string }) {
  const [target, setTarget] = useState('');
  const [error, setError] = useState<ErrorShape>();
  const [busy, setBusy] = useState(false);
  const closeDialog = useApp((s) => s.closeDialog);
  const tagImage = useApp((s) => s.tagImage);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    try {
      await tagImage(imageId, target.trim());
      closeDialog();
    } catch (caught) {
      setError(errorShape(caught));
    } finally {
      setBusy(false);
    }
  };
  const fieldError = error && FIELD_CODES.has(error.code) ? error : undefined;
  const errorProps = { 'data-testid': 'tag-error', 'data-code': error?.code };

  return (
    <Modal
      opened
      onClose={closeDialog}
      title={`Tag ${label}`}
      attributes={{ content: { 'data-testid': 'tag-dialog' } }}
    >
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <TextInput
            data-autofocus
            data-testid="tag-target"
            label="New reference"
            description="repository[:tag]; the tag defaults to latest"
            placeholder="registry.example.com/team/app:v2"
            value={target}
            onChange={(event) => {
              setTarget(event.currentTarget.value);
              setError(undefined);
            }}
            error={fieldError?.message}
            errorProps={errorProps}
            spellCheck={false}
            autoComplete="off"
          />
          {error && !fieldError && <ErrorAlert error={error} testId="tag-error" />}
          <DialogActions
            onCancel={closeDialog}
            cancelTestId="tag-cancel"
            confirmLabel="Tag"
            confirmTestId="tag-submit"
            busy={busy}
            disabled={target.trim() === ''}
          />
        </Stack>
      </form>
    </Modal>
  );
}
