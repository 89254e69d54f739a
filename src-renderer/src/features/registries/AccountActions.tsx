import { Badge, Button, Tooltip } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { IconLogin, IconLogout, IconPencil } from '../../ui/icons.js';
import { ACCOUNT_SOURCE_WORDS } from './account-source.js';

/** Who we are at this registry, with Log in / Log out and Edit beside it. */
export function AccountActions({ host }: { host: string }) {
  const registry = useApp((s) => s.registries.find((r) => r.host === host));
  const openDialog = useApp((s) => s.openRegistryDialog);
  const logoutRegistry = useApp((s) => s.logoutRegistry);
  if (!registry) return null;
  const account = registry.account;

  return (
    <>
      <Tooltip
        label={
          account ? `Logged in, ${ACCOUNT_SOURCE_WORDS[account.source]}` : 'No login stored for this registry'
        }
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
          onClick={() => void logoutRegistry(host)}
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
