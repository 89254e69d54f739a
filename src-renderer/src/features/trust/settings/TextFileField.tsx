import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { IconFolder } from '../../../ui/icons.js';

/** Files bigger than this are not keys or certificates: refused before reading them. */
const MAX_FILE_BYTES = 1024 * 1024;

/**
 * A PEM (or JSON) text: pasted, or read from a file the user picks (`cosign.pub`, `ca.crt`,
 * `trusted_root.json`). The file is read in the page; only its text goes to main.
 */
export function TextFileField({
  label,
  description,
  placeholder,
  accept,
  value,
  onChange,
  onFileName,
  testId,
}: {
  label: string;
  description?: string;
  placeholder: string;
  accept: string;
  value: string;
  onChange: (text: string) => void;
  /** The picked file's name, e.g. to suggest a name for what it holds. */
  onFileName?: (name: string) => void;
  testId: string;
}) {
  const [fileError, setFileError] = useState<string>();
  const pick = async (file: File | null) => {
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileError(
        `${file.name} is ${file.size.toLocaleString('en')} bytes: too big for a key or certificate.`,
      );
      return;
    }
    setFileError(undefined);
    onChange(await file.text());
    onFileName?.(file.name);
  };
  return (
    <Stack gap={4}>
      <Textarea
        size="xs"
        label={label}
        description={description}
        placeholder={placeholder}
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        autosize
        minRows={4}
        maxRows={10}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
        data-testid={testId}
        required
      />
      <Group gap="xs">
        <FileButton onChange={(file) => void pick(file)} accept={accept}>
          {(props) => (
            <Button
              {...props}
              size="compact-xs"
              variant="default"
              leftSection={<IconFolder size={12} />}
              data-testid={`${testId}-file`}
            >
              Choose file…
            </Button>
          )}
        </FileButton>
        {fileError && (
          <Text fz="xs" c="red">
            {fileError}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
