import { Checkbox, List, Modal, ScrollArea, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { formatCount } from '../../lib/format.js';
import { useApp } from '../../store/context.js';
import { DialogActions } from '../../ui/DialogActions.js';
import type { ImageRow } from './image-rows.js';

/** A long selection is summarized: the list shows this many and counts the rest. */
const LISTED = 200;

function removeTitle(rows: ImageRow[]): string {
  if (rows.length === 1) return rows[0]?.tagged ? `Remove ${rows[0].ref}?` : 'Remove this image?';
  // Several tags of one image are several references, not several images.
  const images = new Set(rows.map((row) => row.id)).size;
  return images === rows.length
    ? `Remove ${formatCount(rows.length, 'image')}?`
    : `Remove ${formatCount(rows.length, 'reference')}?`;
}

/** Confirms what goes: each tag is untagged, an image is deleted with its last tag or by id. */
export function RemoveDialog({ rows }: { rows: ImageRow[] }) {
  const [force, setForce] = useState(false);
  const closeDialog = useApp((s) => s.closeDialog);
  const confirmRemove = useApp((s) => s.confirmRemove);
  const listed = rows.slice(0, LISTED);

  return (
    <Modal
      opened
      onClose={closeDialog}
      title={removeTitle(rows)}
      attributes={{ content: { 'data-testid': 'remove-dialog' } }}
    >
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          A tag is removed from its image; an image is deleted when its last tag goes.
        </Text>
        <ScrollArea.Autosize mah={220} type="auto">
          <List size="sm" spacing={2} listStyleType="none" data-testid="remove-list">
            {listed.map((row) => (
              <List.Item key={row.key} ff="monospace" fz="xs">
                {row.tagged ? row.ref : `${row.shortId} (untagged)`}
              </List.Item>
            ))}
          </List>
        </ScrollArea.Autosize>
        {rows.length > LISTED && (
          <Text size="xs" c="dimmed">
            and {formatCount(rows.length - LISTED, 'more')}
          </Text>
        )}
        <Checkbox
          label="Force"
          description="Also remove images that stopped containers use or that other references share"
          checked={force}
          onChange={(event) => setForce(event.currentTarget.checked)}
          data-testid="remove-force"
        />
        <DialogActions
          onCancel={closeDialog}
          cancelTestId="remove-cancel"
          confirmLabel="Remove"
          confirmTestId="remove-confirm"
          onConfirm={() => void confirmRemove(rows, force)}
          destructive
        />
      </Stack>
    </Modal>
  );
}
