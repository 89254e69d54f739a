import { Button, FileButton, Group, Stack, Text, Textarea } from '@mantine/core';
import { useState } from 'react';
import { looksLikePem } from './registry-draft.js';

/** Large enough for a chain of a few certificates; the contract refuses more than 64 KiB. */
const MAX_FILE_BYTES = 64 * 1024;

/** An extra CA for the registry: pasted as PEM, or read from a file picked on this computer. */
export function CaField({
  value,
  onChange,
  error,
}: {
  value: string;
  onChange: (pem: string) => void;
  error?: string;
}) {
  const [fileProblem, setFileProblem] = useState<string>();
  const read = async (file: File | null) => {
    setFileProblem(undefined);
    if (!file) return;
    if (file.size > MAX_FILE_BYTES) {
      setFileProblem(`${file.name} is larger than 64 KiB: not a CA certificate`);
      return;
    }
    const text = await file.text();
    if (!looksLikePem(text))
      setFileProblem(`${file.name} holds no PEM certificate (-----BEGIN CERTIFICATE-----)`);
    else onChange(text.trim());
  };
  const notPem =
    value.trim() !== '' && !looksLikePem(value) ? 'This does not look like a PEM certificate' : undefined;
  return (
    <Stack gap={4}>
      <Textarea
        size="xs"
        data-testid="registry-add-ca"
        label="CA certificate"
        description="PEM of a certificate authority to trust for this registry, besides the system's; optional"
        placeholder="-----BEGIN CERTIFICATE-----"
        value={value}
        onChange={(event) => onChange(event.currentTarget.value)}
        error={error ?? fileProblem ?? notPem}
        autosize
        minRows={2}
        maxRows={6}
        spellCheck={false}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)', fontSize: 11 } }}
      />
      <Group gap="xs">
        <FileButton
          onChange={(file) => void read(file)}
          accept=".pem,.crt,.cer,text/plain,application/x-pem-file"
        >
          {(props) => (
            <Button size="compact-xs" variant="default" data-testid="registry-add-ca-file" {...props}>
              Load from file…
            </Button>
          )}
        </FileButton>
        {value !== '' && (
          <Button size="compact-xs" variant="subtle" color="gray" onClick={() => onChange('')}>
            Clear
          </Button>
        )}
        {value === '' && (
          <Text size="xs" c="dimmed">
            or paste it above
          </Text>
        )}
      </Group>
    </Stack>
  );
}
