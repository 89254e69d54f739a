/** Small pieces detail views share (an image's facts, a tag's tabs): labelled rows, monospace values, copyable digests. */
import { Code, DataList, Group, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { shortId } from '../lib/format.js';
import { CopyValue } from './CopyValue.js';

export function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <DataList.Item>
      <DataList.ItemLabel>{label}</DataList.ItemLabel>
      <DataList.ItemValue>{children}</DataList.ItemValue>
    </DataList.Item>
  );
}

export function Mono({ children }: { children: ReactNode }) {
  return (
    <Text ff="monospace" fz="xs" style={{ wordBreak: 'break-all' }}>
      {children}
    </Text>
  );
}

export function Dim({ children }: { children: ReactNode }) {
  return (
    <Text fz="xs" c="dimmed">
      {children}
    </Text>
  );
}

/** A monospace value with a copy button beside it; `copy` labels the button. */
export function CopyableMono({ value, copy, testId }: { value: string; copy: string; testId?: string }) {
  return (
    <Group gap={4} wrap="nowrap" align="flex-start">
      <Mono>{value}</Mono>
      <CopyValue value={value} label={copy} testId={testId} />
    </Group>
  );
}

/** The 12 hex digits of a digest, the whole one in its tooltip and on the clipboard. */
export function ShortDigest({ digest }: { digest: string }) {
  return (
    <Group gap={2} wrap="nowrap">
      <Text ff="monospace" fz="xs" title={digest}>
        {shortId(digest)}
      </Text>
      <CopyValue value={digest} label="Copy digest" />
    </Group>
  );
}

/** Lines of monospace text, each copyable when `copy` is given, or a dimmed word when there are none. */
export function Lines({
  values,
  empty = 'none',
  copy,
}: {
  values: readonly string[];
  empty?: string;
  copy?: string;
}) {
  if (values.length === 0) return <Dim>{empty}</Dim>;
  return (
    <Stack gap={2}>
      {values.map((value) =>
        copy ? <CopyableMono key={value} value={value} copy={copy} /> : <Mono key={value}>{value}</Mono>,
      )}
    </Stack>
  );
}

/** Exec-form arrays as an image config stores them: exact, and unambiguous about spaces. */
export function Command({ args }: { args: readonly string[] }) {
  return args.length === 0 ? <Dim>none</Dim> : <Code fz="xs">{JSON.stringify(args)}</Code>;
}
