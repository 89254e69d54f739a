import { TextInput } from '@mantine/core';
import { type ReactNode, useState } from 'react';
import { FormDialog } from '../../../ui/FormDialog.js';
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
  return (
    <FormDialog
      title={title}
      size="lg"
      intro={intro}
      confirmLabel={confirmLabel}
      disabled={name.trim() === '' || text.trim() === ''}
      testId={testId}
      titleOf={trustErrorTitle}
      save={() => save(name.trim(), text)}
      onClose={onClose}
    >
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
    </FormDialog>
  );
}
