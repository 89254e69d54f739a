import { errorTitle } from '../../ui/error-title.js';

/**
 * Headings for the codes registries answer with (the distribution spec's, plus main's own);
 * anything else reads as the rest of the app reads it. The message goes below as main wrote it.
 */
export function registryErrorTitle(code: string): string {
  switch (code) {
    case 'UNAUTHORIZED':
      return 'The registry wants you to log in';
    case 'DENIED':
      return 'The registry refused access';
    case 'UNSUPPORTED':
      return 'The registry does not support this';
    case 'TOO_MANY_REQUESTS':
      return 'Rate limit reached: try again later';
    case 'REGISTRY_UNREACHABLE':
      return 'The registry does not answer';
    case 'TLS_ERROR':
      return 'TLS problem with the registry';
    case 'NO_SECURE_STORAGE':
      return 'No safe place to keep the password';
    case 'INSECURE_REFUSED':
      return 'The registry speaks plain HTTP: mark it insecure to use it';
    case 'CROSS_HOST_REFUSED':
      return 'The registry sent us to another host: refused';
    case 'DIGEST_MISMATCH':
      return 'The registry sent content that does not match its digest';
    case 'TOO_LARGE':
      return 'The registry sent more than Stevedore accepts';
    case 'PROTOCOL_ERROR':
      return 'The registry answered something Stevedore does not understand';
    case 'REGISTRY_ERROR':
      return 'The registry reported an error';
    case 'TIMEOUT':
      return 'The registry took too long';
    case 'HUB_UNREACHABLE':
      return 'Docker Hub does not answer';
    case 'HUB_BAD_RESPONSE':
      return 'Docker Hub answered something unexpected';
    case 'HUB_ERROR':
      return 'Docker Hub reported an error';
    default:
      return errorTitle(code);
  }
}

/** Codes that are about the credentials typed, shown under the password field, in these words. */
export const LOGIN_FIELD_TITLES: Readonly<Record<string, string>> = {
  UNAUTHORIZED: 'Wrong user name or password',
  DENIED: 'This account may not use the registry',
};
