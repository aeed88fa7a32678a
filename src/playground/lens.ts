import type { Program, Range } from '../engine/ast';
import { findTrainCalls } from './trainCall';

/** Where an `Open in Playground` CodeLens goes, and the offset its command passes on. */
export interface PlaygroundLens {
  /** The `train(...)` call's range (offsets into the text). */
  readonly range: Range;
  /** Start offset of the call: the `offset` argument of `matrixPlayground.openPlayground`. */
  readonly offset: number;
}

/**
 * One lens per `train(...)` call of a parsed document, in source order.
 * Pure (no `vscode`): the editor turns the ranges into positions.
 *
 * @param text the document text `program` was parsed from (kept for symmetry with `planLenses`)
 */
export function playgroundLenses(text: string, program: Program): PlaygroundLens[] {
  return findTrainCalls(program)
    .filter((site) => site.call.range.end <= text.length)
    .map((site) => ({ range: site.call.range, offset: site.call.range.start }));
}
