/** The shared loader of subtensor's test vectors (kept here for the epoch tests' imports). */
export * from '../../../../../helpers/vectors.ts';
