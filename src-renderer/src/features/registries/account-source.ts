import type { RegistrySummary } from '../../../../src-main/core/registry/types.js';

type AccountSource = NonNullable<RegistrySummary['account']>['source'];

/** Where a login comes from, in words: the secret itself never reaches the UI. */
export const ACCOUNT_SOURCE_WORDS: Readonly<Record<AccountSource, string>> = {
  app: 'stored by Stevedore',
  'docker-config': 'from your Docker config',
  'credential-helper': 'from a Docker credential helper',
};
