import { Alert, type AlertProps, Button } from '@mantine/core';
import type { ErrorShape } from '../../../src-main/core/errors.js';
import { errorTitle } from './error-title.js';

export interface ErrorAlertProps extends Omit<AlertProps, 'title' | 'children' | 'color' | 'variant'> {
  error: ErrorShape;
  testId?: string;
  /** Shows a Retry button under the message. */
  onRetry?: () => void;
}

/**
 * A contract error as the UI shows it everywhere: a heading chosen by its code, the message as
 * the engine wrote it, and the code in `data-code` for tests.
 */
export function ErrorAlert({ error, testId, onRetry, ...alertProps }: ErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={errorTitle(error.code)}
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
