/**
 * The commit-reveal input of the epoch (`run_epoch.rs`, commit-reveal column mask): per UID the
 * earliest block of a weight commit that has not expired. Expiry is
 * `subnets/weights.rs::is_commit_expired`: current epoch (with look-ahead) > commit epoch + reveal period.
 */

export const U64_MAX = (1n << 64n) - 1n;

export interface CommitRef {
  readonly commitEpoch: bigint;
  readonly commitBlock: bigint;
}

export interface CommitRevealState {
  /** `SubnetEpochIndex`, plus 1 when an epoch fires in this block (`current_epoch_with_lookahead`). */
  readonly currentEpoch: bigint;
  /** `RevealPeriodEpochs`. */
  readonly revealPeriod: bigint;
  /** `WeightCommits` (v2): per UID, its commit queue in stored order. */
  readonly hashCommits: ReadonlyArray<{ readonly uid: number; readonly commits: readonly CommitRef[] }>;
  /** `TimelockedWeightCommits` (v4): per UID, the commit blocks found under each commit epoch. */
  readonly timelockedCommits: ReadonlyArray<{ readonly uid: number; readonly commits: readonly CommitRef[] }>;
}

export function isCommitExpired(currentEpoch: bigint, commitEpoch: bigint, revealPeriod: bigint): boolean {
  const sum = commitEpoch + revealPeriod;
  return currentEpoch > (sum > U64_MAX ? U64_MAX : sum);
}

/**
 * Earliest non-expired commit block per UID (null = none): for hash commits only the first
 * non-expired entry of each queue counts, for timelocked commits every non-expired one.
 */
export function earliestCommitBlocks(n: number, s: CommitRevealState): Array<bigint | null> {
  const out: Array<bigint | null> = new Array(n).fill(null);
  const take = (uid: number, block: bigint): void => {
    if (uid < 0 || uid >= n) return;
    const cur = out[uid];
    out[uid] = cur === null || cur === undefined || block < cur ? block : cur;
  };
  for (const q of s.hashCommits) {
    const first = q.commits.find((c) => !isCommitExpired(s.currentEpoch, c.commitEpoch, s.revealPeriod));
    if (first) take(q.uid, first.commitBlock);
  }
  for (const q of s.timelockedCommits) {
    for (const c of q.commits) if (!isCommitExpired(s.currentEpoch, c.commitEpoch, s.revealPeriod)) take(q.uid, c.commitBlock);
  }
  return out;
}
