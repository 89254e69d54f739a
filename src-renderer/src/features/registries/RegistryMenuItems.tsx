import { Menu } from '@mantine/core';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { IconLogin, IconLogout, IconOpen, IconPencil, IconTrash } from '../../ui/icons.js';

/** Open, Edit, Log in / Log out, Remove: the same items in the row's context menu and its ⋯ menu. */
export function RegistryMenuItems({ registry, onOpen }: { registry: RegistrySummary; onOpen: () => void }) {
  const openDialog = useApp((s) => s.openRegistryDialog);
  const logoutRegistry = useApp((s) => s.logoutRegistry);
  const { host } = registry;
  return (
    <>
      <Menu.Item leftSection={<IconOpen size={14} />} onClick={onOpen} data-testid="registry-menu-open">
        Open
      </Menu.Item>
      <Menu.Item
        leftSection={<IconPencil size={14} />}
        onClick={() => openDialog({ kind: 'edit', host })}
        data-testid="registry-menu-edit"
      >
        Edit…
      </Menu.Item>
      {registry.account ? (
        <Menu.Item
          leftSection={<IconLogout size={14} />}
          onClick={() => void logoutRegistry(host)}
          data-testid="registry-menu-logout"
        >
          Log out {registry.account.username}
        </Menu.Item>
      ) : (
        <Menu.Item
          leftSection={<IconLogin size={14} />}
          onClick={() => openDialog({ kind: 'login', host })}
          data-testid="registry-menu-login"
        >
          Log in…
        </Menu.Item>
      )}
      {!registry.preset && (
        <>
          <Menu.Divider />
          <Menu.Item
            color="red"
            leftSection={<IconTrash size={14} />}
            onClick={() => openDialog({ kind: 'remove', host })}
            data-testid="registry-menu-remove"
          >
            Remove…
          </Menu.Item>
        </>
      )}
    </>
  );
}
