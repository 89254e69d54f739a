import { Alert, type AlertProps, Button } from '@mantine/core';
import type { ErrorShape } from '../../../src-main/core/errors.js';
import { errorTitle } from './error-title.js';

export interface ErrorAlertProps extends Omit<AlertProps, 'title' | 'children' | 'color' | 'variant'> {
  error: ErrorShape;
  testId?: string;
  /** Shows a Retry button under the message. */
  onRetry?: () => void;
  /** Headings for an area's own codes (e.g. registries'); the app's headings by default. */
  titleOf?: (code: string) => string;
}

/**
 * A contract error as the UI shows it everywhere: a heading chosen by its code, the message as
 * the engine wrote it, and the code in `data-code` for tests.
 */
export function ErrorAlert({ error, testId, onRetry, titleOf = errorTitle, ...alertProps }: ErrorAlertProps) {
  return (
    <Alert
      color="red"
      variant="light"
      title={titleOf(error.code)}
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
