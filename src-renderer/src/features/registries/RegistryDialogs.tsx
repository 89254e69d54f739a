import { useApp } from '../../store/context.js';
import { AddRegistryDialog } from './AddRegistryDialog.js';
import { DeleteTagDialog } from './DeleteTagDialog.js';
import { EditRegistryDialog } from './EditRegistryDialog.js';
import { LoginDialog } from './LoginDialog.js';
import { RemoveRegistryDialog } from './RemoveRegistryDialog.js';

/**
 * The one registry dialog open, if any. Mounted with the navigation, which is always on screen,
 * so the nav's menus and the views open the same dialogs. `onShow` brings the registries view up.
 */
export function RegistryDialogs({ onShow }: { onShow: () => void }) {
  const dialog = useApp((s) => s.registryDialog);
  const close = useApp((s) => s.closeRegistryDialog);
  const registry = useApp((s) =>
    dialog && dialog.kind !== 'add' ? s.registries.find((r) => r.host === dialog.host) : undefined,
  );
  if (!dialog) return null;
  if (dialog.kind === 'add') return <AddRegistryDialog onClose={close} onShow={onShow} />;
  if (dialog.kind === 'delete-tag')
    return (
      <DeleteTagDialog host={dialog.host} repository={dialog.repository} tag={dialog.tag} onClose={close} />
    );
  // The registry went away while its dialog was about to open: nothing to show.
  if (!registry) return null;
  switch (dialog.kind) {
    case 'edit':
      return <EditRegistryDialog registry={registry} onClose={close} />;
    case 'login':
      return <LoginDialog registry={registry} onClose={close} />;
    case 'remove':
      return <RemoveRegistryDialog registry={registry} onClose={close} />;
  }
}
