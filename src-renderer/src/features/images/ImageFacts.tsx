import { Code, DataList, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import type { ImageDetail } from '../../../../src-main/core/engine/types.js';
import { formatBytes, formatExactTime, formatRelativeTime } from '../../lib/format.js';
import { CopyValue } from '../../ui/CopyValue.js';

function Mono({ children }: { children: ReactNode }) {
  return (
    <Text ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
      {children}
    </Text>
  );
}

function Dim({ children }: { children: ReactNode }) {
  return (
    <Text fz="xs" c="dimmed">
      {children}
    </Text>
  );
}

/** A monospace value with a copy button beside it; `copy` labels the button. */
function CopyableMono({ value, copy, testId }: { value: string; copy: string; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Mono>{value}</Mono>
      <CopyValue value={value} label={copy} testId={testId} />
    </Group>
  );
}

/** Lines of monospace text, each copyable when `copy` is given, or a dimmed word when there are none. */
function Lines({ values, empty = 'none', copy }: { values: string[]; empty?: string; copy?: string }) {
  if (values.length === 0) return <Dim>{empty}</Dim>;
  return (
    <Stack gap={2}>
      {values.map((value) =>
        copy ? <CopyableMono key={value} value={value} copy={copy} /> : <Mono key={value}>{value}</Mono>,
      )}
    </Stack>
  );
}

/** Exec-form arrays as the engine stores them: exact, and unambiguous about spaces. */
function Command({ args }: { args: string[] }) {
  return args.length === 0 ? <Dim>none</Dim> : <Code fz="xs">{JSON.stringify(args)}</Code>;
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

/** What `docker inspect` says about an image, in the order people look for it. */
export function ImageFacts({ image }: { image: ImageDetail }) {
  const platform = [image.os, image.architecture, image.variant].filter(Boolean).join('/');
  const labels = Object.entries(image.labels).map(([key, value]) => `${key}=${value}`);
  return (
    <DataList size="xs" gap={6} labelWidth={92} data-testid="image-facts">
      <Item label="Image ID">
        <CopyableMono value={image.id} copy="Copy image ID" testId="detail-copy-id" />
      </Item>
      <Item label="Tags">
        <Lines values={image.repoTags} empty="none (dangling)" />
      </Item>
      <Item label="Digests">
        <Lines values={image.repoDigests} empty="none (never pushed or pulled)" copy="Copy digest" />
      </Item>
      <Item label="Size">
        <Text fz="xs" title={`${image.size.toLocaleString('en')} bytes`}>
          {formatBytes(image.size)}
        </Text>
      </Item>
      <Item label="Created">
        <Text fz="xs">
          {formatRelativeTime(image.created)} <Dim>{formatExactTime(image.created)}</Dim>
        </Text>
      </Item>
      <Item label="Platform">
        <Mono>{platform || '—'}</Mono>
      </Item>
      <Item label="Entrypoint">
        <Command args={image.entrypoint} />
      </Item>
      <Item label="Cmd">
        <Command args={image.cmd} />
      </Item>
      <Item label="Working dir">
        {image.workingDir ? <Mono>{image.workingDir}</Mono> : <Dim>/ (default)</Dim>}
      </Item>
      <Item label="User">{image.user ? <Mono>{image.user}</Mono> : <Dim>root (default)</Dim>}</Item>
      <Item label="Ports">
        <Lines values={image.exposedPorts} />
      </Item>
      <Item label="Env">
        <Lines values={image.env} />
      </Item>
      <Item label="Labels">
        <Lines values={labels} />
      </Item>
      <Item label="Layers">
        <Text fz="xs">{image.layers.length}</Text>
      </Item>
    </DataList>
  );
}
