import { Stack, Text } from '@mantine/core';
import { CopyableMono, Mono } from '../../ui/DetailParts.js';
import type { TransferOutcome } from './task-result.js';

const WRITTEN: Record<TransferOutcome['kind'], string> = {
  push: 'Pushed',
  pull: 'Pulled',
  copy: 'Copied to',
};

/** A finished transfer in the drawer: what it wrote, and the digest, copyable. */
export function TransferOutcomeLine({ outcome }: { outcome: TransferOutcome }) {
  return (
    <Stack gap={2} data-testid="task-outcome" data-digest={outcome.digest} data-reference={outcome.reference}>
      <Text fz="xs" c="dimmed">
        {WRITTEN[outcome.kind]}
      </Text>
      <Mono>{outcome.reference}</Mono>
      <CopyableMono value={outcome.digest} copy="Copy digest" testId="task-copy-digest" />
    </Stack>
  );
}
