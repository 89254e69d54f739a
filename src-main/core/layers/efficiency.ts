/** One path that more than one layer wrote (or removed): where an image wastes space. */
export interface Inefficiency {
  path: string;
  /** How many layers wrote or removed the path. */
  count: number;
  /** Bytes of every version written, summed: what dive calls the path's cumulative size. */
  cumulativeSize: number;
  /** Bytes the image would hold for the path had only its smallest version been written. */
  minimumSize: number;
}

/** dive's efficiency: how much of what the layers write survives, and what does not. */
export interface Efficiency {
  /** Σ smallest version per path / Σ all versions per path; 1 when nothing is written twice. */
  score: number;
  /** Σ cumulative size of the paths written more than once (dive's "potential wasted space"). */
  wastedBytes: number;
  /** Bytes of files in every layer but the base. */
  userSizeBytes: number;
  /** wastedBytes / userSizeBytes (0 when there are no user bytes). */
  wastedUserPercent: number;
  /** Largest cumulative size first. */
  inefficiencies: Inefficiency[];
}

interface PathRecord {
  count: number;
  cumulative: number;
  minimum: number;
}

/**
 * Accumulates dive's efficiency (filetree/efficiency.go) while layers are stacked: every leaf a
 * layer writes — a file, a link, an empty directory — counts its size at its path; a removal
 * counts 0 there, so a file written then deleted wastes its bytes. Where we differ from dive: a
 * removed directory (a whiteout of it, or an opaque marker) counts as the removal of every file
 * beneath it, whereas dive charges the directory's total to the directory's own path and so never
 * calls it waste; the definition — bytes overwritten or removed by later layers — is kept.
 */
export class EfficiencyCounter {
  private readonly paths = new Map<string, PathRecord>();
  private userSize = 0;

  /** A leaf written by `layer`, or (size 0) removed by it. */
  record(path: string, size: number): void {
    const found = this.paths.get(path);
    if (!found) {
      this.paths.set(path, { count: 1, cumulative: size, minimum: size });
      return;
    }
    found.count++;
    found.cumulative += size;
    if (size < found.minimum) found.minimum = size;
  }

  addLayerSize(layer: number, contentSize: number): void {
    if (layer > 0) this.userSize += contentSize;
  }

  result(): Efficiency {
    let minimum = 0;
    let cumulative = 0;
    let wasted = 0;
    const inefficiencies: Inefficiency[] = [];
    for (const [path, record] of this.paths) {
      minimum += record.minimum;
      cumulative += record.cumulative;
      if (record.count < 2) continue;
      wasted += record.cumulative;
      inefficiencies.push({
        path,
        count: record.count,
        cumulativeSize: record.cumulative,
        minimumSize: record.minimum,
      });
    }
    inefficiencies.sort((a, b) => b.cumulativeSize - a.cumulativeSize || compare(a.path, b.path));
    return {
      score: cumulative === 0 ? 1 : minimum / cumulative,
      wastedBytes: wasted,
      userSizeBytes: this.userSize,
      wastedUserPercent: this.userSize === 0 ? 0 : wasted / this.userSize,
      inefficiencies,
    };
  }
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
