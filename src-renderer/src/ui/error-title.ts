/**
 * A heading for each error code the contract defines; the engine's message goes below it as is.
 * The UI branches on codes only, never on message text.
 */
export function errorTitle(code: string): string {
  switch (code) {
    case 'ENGINE_UNREACHABLE':
      return 'The engine does not answer';
    case 'NOT_FOUND':
      return 'Not found';
    case 'CONFLICT':
      return 'The engine refused: something depends on it';
    case 'INVALID_INPUT':
      return 'Not a valid input';
    case 'INVALID_REFERENCE':
      return 'Not a valid image reference';
    case 'PERMISSION_DENIED':
      return 'Permission denied';
    case 'TLS_ERROR':
      return 'TLS problem with the engine';
    case 'ENGINE_ERROR':
      return 'The engine reported an error';
    case 'DISCONNECTED':
      return 'Lost the connection to Stevedore';
    case 'CANCELLED':
      return 'Cancelled';
    case 'TIMEOUT':
      return 'The engine took too long';
    default:
      return 'Something went wrong';
  }
}
