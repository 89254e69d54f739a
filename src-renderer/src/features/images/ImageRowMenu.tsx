import { Kbd, Menu } from '@mantine/core';
import type { ReactElement } from 'react';
import { useAppStore } from '../../store/context.js';
import { IconOpen, IconTag, IconTrash, IconUpload } from '../../ui/icons.js';
import { type ImageRow, imageRowsOf } from './image-rows.js';
import { pushDialogFor } from './push-source.js';

/**
 * The right-click menu of the images table: one menu for the whole table (rows come and go as it
 * scrolls), about `row`, the row the pointer was on. The child is the element the right-click
 * lands on; it must accept `onContextMenu` and a ref.
 */
export function ImageRowMenu({ row, children }: { row: ImageRow | undefined; children: ReactElement }) {
  const store = useAppStore();
  const selectedRows = () => {
    const { images, selection } = store.getState();
    return imageRowsOf(images).filter((candidate) => selection.selected.has(candidate.key));
  };
  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={180}>
      <Menu.ContextMenu>{children}</Menu.ContextMenu>
      {row && (
        <Menu.Dropdown data-testid="image-row-menu" data-ref={row.ref}>
          <Menu.Item
            leftSection={<IconUpload size={14} />}
            rightSection={<Kbd size="xs">P</Kbd>}
            onClick={() => store.getState().openTransfer(pushDialogFor(row))}
            data-testid="row-menu-push"
          >
            Push to…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconTag size={14} />}
            onClick={() =>
              store
                .getState()
                .openDialog({ kind: 'tag', imageId: row.id, label: row.tagged ? row.ref : row.shortId })
            }
            data-testid="row-menu-tag"
          >
            Tag…
          </Menu.Item>
          <Menu.Item
            leftSection={<IconOpen size={14} />}
            rightSection={<Kbd size="xs">↵</Kbd>}
            onClick={() => store.getState().openDetail(row.id)}
            data-testid="row-menu-inspect"
          >
            Inspect
          </Menu.Item>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => {
              const rows = selectedRows();
              store.getState().openDialog({ kind: 'remove', rows: rows.length > 0 ? rows : [row] });
            }}
            data-testid="row-menu-remove"
          >
            Remove…
          </Menu.Item>
        </Menu.Dropdown>
      )}
    </Menu>
  );
}
