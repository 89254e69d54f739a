import { Button, DataList, Group, Text } from '@mantine/core';
import { parseReference, refName } from '../../../../src-main/core/reference/index.js';
import { useApp } from '../../store/context.js';
import { CopyableMono, Item } from '../../ui/DetailParts.js';
import { IconCheck, IconSignature } from '../../ui/icons.js';
import { PullCommandMenu } from '../registries/PullCommandMenu.js';
import type { TransferOutcome } from '../tasks/task-result.js';
import { digestReferenceOf } from '../trust/trust-reference.js';

const DONE: Record<TransferOutcome['kind'], string> = {
  push: 'Pushed. The registry serves this digest for the tag, and the engine lists it.',
  pull: 'Pulled into the engine.',
  copy: 'Copied. The destination serves this digest.',
};

/** The repository and tag of a written reference, for the pull commands; none when it does not parse. */
function pullTarget(reference: string): { repository: string; tag: string } | undefined {
  try {
    const ref = parseReference(reference);
    return ref.tag ? { repository: refName(ref), tag: ref.tag } : undefined;
  } catch {
    return undefined;
  }
}

/** A finished transfer: what it wrote, its digest (copyable) and the commands to pull it elsewhere. */
export function TransferDone({ outcome }: { outcome: TransferOutcome }) {
  const target = outcome.kind === 'pull' ? undefined : pullTarget(outcome.reference);
  const closeTransfer = useApp((s) => s.closeTransfer);
  const openSignDialog = useApp((s) => s.openSignDialog);
  // What was just written, by digest: the signature covers exactly what the registry verified.
  const sign = () => {
    closeTransfer();
    openSignDialog({
      reference: digestReferenceOf(outcome.reference, outcome.digest),
      label: outcome.reference,
    });
  };
  return (
    <DataList
      size="xs"
      gap={6}
      labelWidth={80}
      data-testid="transfer-done"
      data-digest={outcome.digest}
      data-reference={outcome.reference}
    >
      <Item label="Done">
        <Group gap={6} wrap="nowrap" c="teal">
          <IconCheck size={14} />
          <Text fz="xs">{DONE[outcome.kind]}</Text>
        </Group>
      </Item>
      <Item label="Reference">
        <CopyableMono value={outcome.reference} copy="Copy reference" />
      </Item>
      <Item label="Digest">
        <CopyableMono value={outcome.digest} copy="Copy digest" testId="transfer-copy-digest" />
      </Item>
      {outcome.imageId && (
        <Item label="Image ID">
          <CopyableMono value={outcome.imageId} copy="Copy image ID" />
        </Item>
      )}
      {target && (
        <Item label="Pull it">
          <PullCommandMenu repository={target.repository} tag={target.tag} digest={outcome.digest} />
        </Item>
      )}
      {outcome.kind !== 'pull' && (
        <Item label="Sign it">
          <Button
            size="compact-xs"
            variant="default"
            leftSection={<IconSignature size={12} />}
            onClick={sign}
            data-testid="transfer-sign"
          >
            Sign…
          </Button>
        </Item>
      )}
    </DataList>
  );
}
