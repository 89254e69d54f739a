import tableClasses from '../../ui/VirtualTable.module.css';

/**
 * Where a tag's trust badge (signed, verified, by whom) will go: the column is reserved now so
 * the table keeps its shape when trust verification lands. Shows "—" until then.
 */
export function TrustBadgeSlot({ reference, digest }: { reference: string; digest: string | undefined }) {
  return (
    <span
      className={tableClasses.dim}
      data-testid="trust-slot"
      data-reference={reference}
      data-digest={digest}
    >
      —
    </span>
  );
}
