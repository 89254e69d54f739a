import { useApp } from '../../store/context.js';
import tableClasses from '../../ui/VirtualTable.module.css';
import { TrustBadgeView } from './TrustBadgeView.js';

/**
 * The trust badge of one row, from the badge cache; the table asks for the badges of the rows in
 * sight (see wantTrustBadges), never the row itself. Nothing for a row without a reference.
 */
export function TrustBadgeCell({ reference }: { reference: string | undefined }) {
  const entry = useApp((s) => (reference === undefined ? undefined : s.trustBadges[reference]));
  if (reference === undefined) return null;
  if (!entry) {
    return (
      <span
        className={tableClasses.dim}
        data-testid="trust-badge"
        data-status="pending"
        data-reference={reference}
      >
        …
      </span>
    );
  }
  if ('error' in entry) {
    return (
      <TrustBadgeView
        status="error"
        kinds={[]}
        reason={`Trust could not be checked: ${entry.error.message}`}
        reference={reference}
      />
    );
  }
  return <TrustBadgeView status={entry.badge.status} kinds={entry.badge.kinds} reference={reference} />;
}
