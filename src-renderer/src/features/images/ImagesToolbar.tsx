import { ActionIcon, Box, Button, Group, Title, Tooltip } from '@mantine/core';
import { useMemo } from 'react';
import { useApp, useAppStore } from '../../store/context.js';
import { FilterInput } from '../../ui/FilterInput.js';
import { IconBroom, IconDownload, IconRefresh, IconTag, IconTrash, IconUpload } from '../../ui/icons.js';
import { imageRowsOf } from './image-rows.js';
import { pushDialogFor } from './push-source.js';
import { FILTER_INPUT_ID, focusTable } from './use-images-keys.js';

/** Selected rows as the dialogs need them; read at click time, not subscribed. */
function useSelectedRows() {
  const store = useAppStore();
  return () => {
    const { images, selection } = store.getState();
    return imageRowsOf(images).filter((row) => selection.selected.has(row.key));
  };
}

export function ImagesToolbar() {
  const filter = useApp((s) => s.filter);
  const setFilter = useApp((s) => s.setFilter);
  const selectedCount = useApp((s) => s.selection.selected.size);
  const images = useApp((s) => s.images);
  const danglingCount = useMemo(() => images.filter((image) => image.dangling).length, [images]);
  const openDialog = useApp((s) => s.openDialog);
  const fetchImages = useApp((s) => s.fetchImages);
  const openTransfer = useApp((s) => s.openTransfer);
  const selectedRows = useSelectedRows();

  const tag = () => {
    const [row] = selectedRows();
    if (row) openDialog({ kind: 'tag', imageId: row.id, label: row.tagged ? row.ref : row.shortId });
  };
  const push = () => {
    const [row] = selectedRows();
    if (row) openTransfer(pushDialogFor(row));
  };
  const remove = () => {
    const rows = selectedRows();
    if (rows.length > 0) openDialog({ kind: 'remove', rows });
  };

  return (
    <Group
      px="sm"
      py={8}
      gap="xs"
      wrap="nowrap"
      style={{ flexShrink: 0, borderBottom: '1px solid var(--mantine-color-default-border)' }}
    >
      <Title order={2} fz="sm" fw={600} mr="xs" style={{ whiteSpace: 'nowrap' }}>
        Local Images
      </Title>
      <FilterInput
        id={FILTER_INPUT_ID}
        data-testid="image-filter"
        aria-label="Filter images"
        placeholder="Filter by repository, tag or ID"
        w={300}
        value={filter}
        disabled={images.length === 0}
        onValueChange={setFilter}
        onLeave={focusTable}
      />
      <Box style={{ flex: 1 }} />
      <Button
        variant="default"
        leftSection={<IconDownload size={14} />}
        onClick={() => openTransfer({ kind: 'pull' })}
        data-testid="images-pull"
      >
        Pull…
      </Button>
      <Button
        variant="default"
        leftSection={<IconUpload size={14} />}
        disabled={selectedCount !== 1}
        onClick={push}
        data-testid="images-push"
        title="Push the selected image to a registry (P)"
      >
        Push…
      </Button>
      <Button
        variant="default"
        leftSection={<IconTag size={14} />}
        disabled={selectedCount !== 1}
        onClick={tag}
        data-testid="images-tag"
      >
        Tag…
      </Button>
      <Button
        variant="default"
        leftSection={<IconTrash size={14} />}
        disabled={selectedCount === 0}
        onClick={remove}
        data-testid="images-remove"
      >
        Remove{selectedCount > 1 ? ` (${selectedCount.toLocaleString('en')})` : ''}
      </Button>
      <Button
        variant="default"
        leftSection={<IconBroom size={14} />}
        disabled={danglingCount === 0}
        onClick={() => openDialog({ kind: 'prune' })}
        data-testid="images-prune"
      >
        Prune dangling
      </Button>
      <Tooltip label="Refresh">
        <ActionIcon
          variant="default"
          size={30}
          aria-label="Refresh"
          data-testid="images-refresh"
          onClick={() => void fetchImages()}
        >
          <IconRefresh size={14} />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
