import { Modal, Stack, Text } from '@mantine/core';
import { useMemo } from 'react';
import { formatBytes, formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';

/** `docker image prune`: only images without any tag; runs as a task. */
export function PruneDialog() {
  const images = useApp((s) => s.images);
  const closeDialog = useApp((s) => s.closeDialog);
  const prune = useApp((s) => s.prune);
  const dangling = useMemo(() => images.filter((image) => image.dangling), [images]);
  const bytes = dangling.reduce((sum, image) => sum + image.size, 0);

  return (
    <Modal
      opened
      onClose={closeDialog}
      title="Prune dangling images?"
      attributes={{ content: { 'data-testid': 'prune-dialog' } }}
    >
      <Stack gap="sm">
        <Text size="sm">
          Removes {formatCount(dangling.length, 'image')} without a tag ({formatBytes(bytes)}). Tagged images
          stay.
        </Text>
        <DialogActions
          onCancel={closeDialog}
          confirmLabel="Prune"
          confirmTestId="prune-confirm"
          onConfirm={() => {
            closeDialog();
            void prune();
          }}
          destructive
        />
      </Stack>
    </Modal>
  );
}
