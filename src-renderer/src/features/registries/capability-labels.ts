/** What each probed capability means, in words; pure, so the unit tests pin them down. */
import type { RegistryCapabilities } from '../../../../src-main/core/registry/types.js';

export function authLabel(scheme: RegistryCapabilities['authScheme']): string {
  switch (scheme) {
    case 'none':
      return 'None: anyone may read';
    case 'basic':
      return 'Basic (user name and password)';
    case 'bearer':
      return 'Bearer tokens';
    case 'unknown':
      return 'Unknown';
  }
}

export function deletionLabel(deletion: RegistryCapabilities['deletion']): string {
  switch (deletion) {
    case 'enabled':
      return 'Enabled';
    case 'disabled':
      return 'Disabled on this registry';
    case 'unknown':
      return 'Not known until a delete is tried';
  }
}

/** `6 h`, `15 min`, `90 s`. */
export function formatWindow(seconds: number): string {
  if (seconds > 0 && seconds % 3600 === 0) return `${seconds / 3600} h`;
  if (seconds > 0 && seconds % 60 === 0) return `${seconds / 60} min`;
  return `${seconds} s`;
}

/** `87 of 100 pulls left per 6 h`. */
export function rateLimitLabel(limit: NonNullable<RegistryCapabilities['rateLimit']>): string {
  return `${limit.remaining.toLocaleString('en')} of ${limit.limit.toLocaleString('en')} pulls left per ${formatWindow(limit.windowSeconds)}`;
}
