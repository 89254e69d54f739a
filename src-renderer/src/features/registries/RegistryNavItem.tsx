import { ActionIcon, Box, Menu, NavLink, Tooltip } from '@mantine/core';
import { type DragEvent, useState } from 'react';
import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';
import { useApp } from '../../store/context.js';
import { IconDots } from '../../ui/icons.js';
import { carriesImage, droppedImage } from '../images/image-drag.js';
import classes from './Registries.module.css';
import { RegistryMenuItems } from './RegistryMenuItems.js';

/** Teal when an account is stored for the registry, gray when we are anonymous. */
export function LoginDot({ registry }: { registry: RegistrySummary }) {
  const account = registry.account;
  const label = account ? `Logged in as ${account.username}` : 'Anonymous';
  // A 16 px box, like the nav's icons, so labels line up with Local Images and Settings.
  return (
    <Tooltip label={label} withArrow>
      <Box
        role="img"
        aria-label={label}
        data-testid="login-dot"
        data-account={account?.username ?? 'anonymous'}
        className={classes.dotBox}
      >
        <Box className={classes.dot} data-logged-in={account ? true : undefined} />
      </Box>
    </Tooltip>
  );
}

/** An image row dropped on a registry opens the push dialog with that registry chosen. */
function useImageDrop(host: string) {
  const openTransfer = useApp((s) => s.openTransfer);
  const [over, setOver] = useState(false);
  return {
    over,
    handlers: {
      onDragOver: (event: DragEvent) => {
        if (!carriesImage(event.dataTransfer)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setOver(true);
      },
      onDragLeave: (event: DragEvent) => {
        // Moving onto the item's own label or button is not leaving it.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        setOver(false);
        const image = droppedImage(event.dataTransfer);
        if (!image) return;
        event.preventDefault();
        openTransfer({ kind: 'push', ...image, host });
      },
    },
  };
}

/**
 * One registry in the left navigation: name, who we are there, a right-click menu and the same
 * menu behind ⋯ for the keyboard; an image row dropped on it is pushed there.
 */
export function RegistryNavItem({
  registry,
  active,
  onOpen,
}: {
  registry: RegistrySummary;
  active: boolean;
  onOpen: () => void;
}) {
  const who = registry.account?.username ?? 'anonymous';
  const drop = useImageDrop(registry.host);
  return (
    <Menu position="bottom-start" withinPortal shadow="md" width={190}>
      <Menu.ContextMenu>
        <Box
          pos="relative"
          data-testid="nav-registry"
          data-host={registry.host}
          data-active={active || undefined}
          data-drop-target={drop.over || undefined}
          className={classes.item}
          {...drop.handlers}
        >
          <NavLink
            label={registry.name}
            // A registry named after its host says who we are there instead of the host twice.
            description={registry.name === registry.host ? who : registry.host}
            title={`${registry.name} (${registry.host}): ${who}`}
            leftSection={<LoginDot registry={registry} />}
            active={active}
            onClick={onOpen}
            fz="sm"
            styles={{
              root: { borderRadius: 'var(--mantine-radius-sm)', padding: '4px 26px 4px 8px' },
              label: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
              description: { overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
            }}
          />
          <Menu position="right-start" withinPortal shadow="md" width={190}>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                size="sm"
                aria-label={`Actions for ${registry.name}`}
                data-testid="registry-actions"
                className={classes.actions}
              >
                <IconDots size={14} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <RegistryMenuItems registry={registry} onOpen={onOpen} />
            </Menu.Dropdown>
          </Menu>
        </Box>
      </Menu.ContextMenu>
      <Menu.Dropdown>
        <RegistryMenuItems registry={registry} onOpen={onOpen} />
      </Menu.Dropdown>
    </Menu>
  );
}
