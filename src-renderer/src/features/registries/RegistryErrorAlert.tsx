import { Alert, type AlertProps, Button } from '@mantine/core';
import type { ErrorShape } from '../../../../src-main/core/errors.js';
import { registryErrorTitle } from './registry-errors.js';

export interface RegistryErrorAlertProps
  extends Omit<AlertProps, 'title' | 'children' | 'color' | 'variant'> {
  error: ErrorShape;
  testId?: string;
  onRetry?: () => void;
}

/** ui/ErrorAlert with headings for registry codes; the code is in `data-code` for tests. */
export function RegistryErrorAlert({ error, testId, onRetry, ...alertProps }: RegistryErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={registryErrorTitle(error.code)}
      data-testid={testId}
      data-code={error.code}
      {...alertProps}
    >
      {error.message}
      {onRetry && (
        <Button mt="sm" display="block" variant="default" onClick={onRetry}>
          Retry
        </Button>
      )}
    </Alert>
  );
}
