import type { TrustStatus } from '../../../../src-main/core/trust/types.js';
import { IconAlert, type IconProps, IconShield, IconShieldX, IconSignature } from '../../ui/icons.js';

/** A shield with a check (verified), plain (signed or unsigned), crossed (invalid); a warning sign for errors. */
export function TrustStatusIcon({ status, ...props }: IconProps & { status: TrustStatus }) {
  switch (status) {
    case 'verified':
      return <IconSignature {...props} />;
    case 'invalid':
      return <IconShieldX {...props} />;
    case 'error':
      return <IconAlert {...props} />;
    default:
      return <IconShield {...props} />;
  }
}
