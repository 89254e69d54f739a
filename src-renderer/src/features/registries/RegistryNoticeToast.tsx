import { Notification } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { registryErrorTitle } from './registry-errors.js';

/** A registry action without a dialog (log out) that failed, in a corner until dismissed. */
export function RegistryNoticeToast() {
  const notice = useApp((s) => s.registryNotice);
  const setNotice = useApp((s) => s.setRegistryNotice);
  if (!notice) return null;
  return (
    <Notification
      color="red"
      title={`${notice.action} failed: ${registryErrorTitle(notice.code)}`}
      onClose={() => setNotice(undefined)}
      data-testid="registry-notice"
      data-code={notice.code}
      style={{ position: 'fixed', right: 16, bottom: 16, width: 380, zIndex: 300 }}
    >
      {notice.message}
    </Notification>
  );
}
