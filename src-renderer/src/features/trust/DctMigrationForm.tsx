import { Box, Button, Checkbox, Group, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { errorShape } from '../../lib/errors.js';
import { useApp } from '../../store/context.js';
import { CompactTable } from '../../ui/CompactTable.js';
import { ShortDigest } from '../../ui/DetailParts.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { type MigrationTag, signReferences } from './dct-migration.js';
import { KeyPasswordInput } from './KeyPasswordInput.js';
import { SigningKeyPicker } from './SigningKeyPicker.js';
import { trustErrorTitle } from './trust-errors.js';

/**
 * The DCT-only tags with a checkbox each, a key, and "Sign": one `trust.sign` task per image,
 * followed in the tasks drawer.
 */
export function DctMigrationForm({
  repository,
  tags,
}: {
  repository: string;
  tags: readonly MigrationTag[];
}) {
  const settings = useApp((s) => s.trustSettings);
  const startSign = useApp((s) => s.startSign);
  const setTasksOpen = useApp((s) => s.setTasksOpen);
  const [selected, setSelected] = useState<ReadonlySet<string>>(() => new Set(tags.map((tag) => tag.tag)));
  const [chosen, setChosen] = useState<string>();
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ started: number; error?: ErrorShape }>();

  const keys = settings?.state === 'ready' ? settings.value.signingKeys : [];
  const keyName = chosen ?? (keys.length === 1 ? keys[0]!.name : undefined);
  const key = keys.find((candidate) => candidate.name === keyName);
  const needsPassword = key?.protection === 'password';
  const all = selected.size === tags.length;
  const picked = tags.filter((tag) => selected.has(tag.tag));
  const toggle = (tag: string) =>
    setSelected((current) => {
      const next = new Set(current);
      if (!next.delete(tag)) next.add(tag);
      return next;
    });

  const sign = async () => {
    if (!key) return;
    setBusy(true);
    let started = 0;
    try {
      for (const reference of signReferences(repository, picked)) {
        await startSign(reference, key.name, needsPassword ? password : undefined);
        started += 1;
      }
      setResult({ started });
      setTasksOpen(true);
    } catch (error) {
      setResult({ started, error: errorShape(error) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Stack gap="sm" data-testid="dct-migration-form">
      <Box style={{ maxHeight: 260, overflow: 'auto' }}>
        <CompactTable data-testid="dct-migration-tags">
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={32}>
                <Checkbox
                  aria-label="Select every tag"
                  checked={all}
                  indeterminate={selected.size > 0 && !all}
                  onChange={() => setSelected(all ? new Set() : new Set(tags.map((tag) => tag.tag)))}
                  data-testid="dct-migration-all"
                />
              </Table.Th>
              <Table.Th>Tag</Table.Th>
              <Table.Th w={150}>Digest</Table.Th>
              <Table.Th>DCT signers</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tags.map((tag) => (
              <Table.Tr key={tag.tag} data-testid="dct-migration-tag" data-tag={tag.tag}>
                <Table.Td>
                  <Checkbox
                    aria-label={`Sign ${tag.tag}`}
                    checked={selected.has(tag.tag)}
                    onChange={() => toggle(tag.tag)}
                  />
                </Table.Td>
                <Table.Td>
                  <Text ff="monospace" fz="xs" truncate>
                    {tag.tag}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <ShortDigest digest={tag.digest} />
                </Table.Td>
                <Table.Td>
                  <Text fz="xs" truncate>
                    {tag.signers.join(', ')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </CompactTable>
      </Box>
      <Group gap="md" align="flex-end" wrap="nowrap">
        <div style={{ flex: 1, maxWidth: 360 }}>
          <SigningKeyPicker keys={keys} value={keyName} onChange={setChosen} />
        </div>
        {needsPassword && (
          <KeyPasswordInput
            label={`Password of ${key.name}`}
            value={password}
            onChange={setPassword}
            testId="dct-migration-password"
            style={{ width: 220 }}
          />
        )}
        <Button
          loading={busy}
          disabled={!key || picked.length === 0 || (needsPassword && password === '')}
          onClick={() => void sign()}
          data-testid="dct-migration-sign"
        >
          Sign {picked.length} tag{picked.length === 1 ? '' : 's'} with cosign
        </Button>
      </Group>
      {result && !result.error && (
        <Text fz="xs" c="dimmed" data-testid="dct-migration-started" data-count={result.started}>
          Started {result.started} signing task{result.started === 1 ? '' : 's'}: follow them in Tasks.
        </Text>
      )}
      {result?.error && (
        <ErrorAlert titleOf={trustErrorTitle} error={result.error} testId="dct-migration-error" />
      )}
    </Stack>
  );
}
