// Where the shared real-world corpus lives: ../shared/corpus beside the checkout (CI lays it there),
// or CAUCUS_CORPUS. Tests that read it skip themselves when it is absent; it is never copied in.
import { existsSync } from 'node:fs';
import { resolve, join } from 'node:path';

export const corpusDir: string = process.env.CAUCUS_CORPUS ?? resolve(import.meta.dirname, '..', '..', '..', 'shared', 'corpus');
export const hasCorpus: boolean = existsSync(corpusDir);
export const corpusPath = (...parts: string[]): string => join(corpusDir, ...parts);
/** Options for node:test: skip with a clear reason when the corpus is absent. */
export const needsCorpus = hasCorpus ? {} : { skip: `corpus not found at ${corpusDir}` };
