import { Badge, Button, Tooltip } from '@mantine/core';
import { errorShape } from '../../lib/errors.js';
import { useApp, useAppStore } from '../../store/context.js';
import { IconLogin, IconLogout, IconPencil } from './registry-icons.js';

const SOURCE_WORDS = {
  app: 'stored by Stevedore',
  'docker-config': 'from your Docker config',
  'credential-helper': 'from a Docker credential helper',
} as const;

/** Who we are at this registry, with Log in / Log out and Edit beside it. */
export function AccountActions({ host }: { host: string }) {
  const store = useAppStore();
  const registry = useApp((s) => s.registries.find((r) => r.host === host));
  const openDialog = useApp((s) => s.openRegistryDialog);
  if (!registry) return null;
  const account = registry.account;

  const logout = async () => {
    const state = store.getState();
    try {
      await state.logoutRegistry(host);
    } catch (error) {
      state.setRegistryNotice({ action: `Log out of ${registry.name}`, ...errorShape(error) });
    }
  };

  return (
    <>
      <Tooltip
        label={account ? `Logged in, ${SOURCE_WORDS[account.source]}` : 'No login stored for this registry'}
      >
        <Badge
          variant="light"
          color={account ? 'teal' : 'gray'}
          tt="none"
          data-testid="registry-account"
          data-account={account?.username ?? 'anonymous'}
        >
          {account ? account.username : 'anonymous'}
        </Badge>
      </Tooltip>
      {account ? (
        <Button
          variant="default"
          leftSection={<IconLogout size={14} />}
          onClick={() => void logout()}
          data-testid="registry-logout"
        >
          Log out
        </Button>
      ) : (
        <Button
          variant="default"
          leftSection={<IconLogin size={14} />}
          onClick={() => openDialog({ kind: 'login', host })}
          data-testid="registry-login"
        >
          Log in…
        </Button>
      )}
      <Button
        variant="default"
        leftSection={<IconPencil size={14} />}
        onClick={() => openDialog({ kind: 'edit', host })}
        data-testid="registry-edit"
      >
        Edit…
      </Button>
    </>
  );
}
