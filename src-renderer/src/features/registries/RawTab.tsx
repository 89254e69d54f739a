import { Group, Loader, SegmentedControl, Stack, Text } from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import type { ImageInspection } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { CopyValue } from '../../ui/CopyValue.js';
import { ErrorAlert } from '../../ui/ErrorAlert.js';
import { JsonView } from './JsonView.js';
import { prettyJson } from './json-tokens.js';
import { platformName } from './PlatformChips.js';
import { registryErrorTitle } from './registry-errors.js';

/**
 * The manifest exactly as the registry served it (`manifests.raw`), pretty-printed and coloured.
 * For an index, the shown platform's own manifest is one click away.
 */
export function RawTab({
  tagReference,
  repositoryReference,
  inspection,
}: {
  tagReference: string;
  repositoryReference: string;
  inspection: ImageInspection;
}) {
  const [which, setWhich] = useState<'tag' | 'platform'>('tag');
  const shownPlatform = inspection.platform ? platformName(inspection.platform) : undefined;
  const platformManifest = inspection.platforms.find((p) => platformName(p) === shownPlatform);
  const reference =
    which === 'platform' && platformManifest
      ? `${repositoryReference}@${platformManifest.digest}`
      : tagReference;
  const entry = useApp((s) => s.rawManifests[reference]);
  const loadRawManifest = useApp((s) => s.loadRawManifest);

  useEffect(() => {
    void loadRawManifest(reference);
  }, [reference, loadRawManifest]);

  const raw = entry?.state === 'ready' ? entry.value : undefined;
  const pretty = useMemo(() => (raw ? prettyJson(raw.raw) : undefined), [raw]);

  return (
    <Stack gap="xs">
      <Group gap="sm" wrap="nowrap" justify="space-between">
        {platformManifest ? (
          <SegmentedControl
            size="xs"
            data-testid="raw-which"
            value={which}
            onChange={(value) => setWhich(value === 'platform' ? 'platform' : 'tag')}
            data={[
              { value: 'tag', label: 'Index' },
              { value: 'platform', label: `${shownPlatform} manifest` },
            ]}
          />
        ) : (
          <span />
        )}
        {raw && (
          <Group gap={6} wrap="nowrap">
            <Text fz="xs" c="dimmed" ff="monospace" truncate title={raw.mediaType}>
              {raw.mediaType} · {raw.raw.length.toLocaleString('en')} bytes
            </Text>
            <CopyValue value={raw.raw} label="Copy the manifest as served" testId="copy-raw" />
          </Group>
        )}
      </Group>
      {entry?.state === 'failed' && (
        <ErrorAlert
          titleOf={registryErrorTitle}
          error={entry.error}
          testId="raw-error"
          onRetry={() => void loadRawManifest(reference)}
        />
      )}
      {(entry === undefined || entry.state === 'loading') && <Loader size="sm" />}
      {pretty && <JsonView text={pretty.text} testId="raw-manifest" />}
    </Stack>
  );
}
