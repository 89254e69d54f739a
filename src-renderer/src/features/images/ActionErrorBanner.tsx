import { Alert } from '@mantine/core';
import { useApp } from '../../store/context.js';
import { errorTitle } from '../../ui/error-title.js';

/** The last remove or prune that failed, until dismissed or the next one starts. */
export function ActionErrorBanner() {
  const error = useApp((s) => s.actionError);
  const dismiss = useApp((s) => s.dismissActionError);
  if (!error) return null;
  return (
    <Alert
      color="red"
      variant="light"
      radius={0}
      py={8}
      withCloseButton
      onClose={dismiss}
      title={`${error.action} failed: ${errorTitle(error.code)}`}
      data-testid="action-error"
      data-code={error.code}
    >
      {error.message}
      {error.code === 'CONFLICT' && error.action === 'Remove' && ' Tick “Force” to remove it anyway.'}
    </Alert>
  );
}
