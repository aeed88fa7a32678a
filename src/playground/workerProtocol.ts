/**
 * Messages between the extension host and the playground's worker thread,
 * which parses and evaluates documents so the host's main thread never does.
 */

import type { Extraction } from './extract';
import type { ParamEdit } from './protocol';
import type { RewriteResult } from './rewrite';

export type WorkerRequest =
  /** Find the train call at (or moved from) `offset` and read its run configuration. */
  | {
      readonly id: number;
      readonly kind: 'extract';
      readonly key: string;
      readonly text: string;
      readonly offset: number;
    }
  /** Compute the replacement that sets one argument of the call at `offset`. */
  | {
      readonly id: number;
      readonly kind: 'rewrite';
      readonly text: string;
      readonly offset: number;
      readonly edit: ParamEdit;
    };

export type WorkerResponse =
  /** `offset` is where the call is now (null: it is gone). */
  | {
      readonly id: number;
      readonly kind: 'extract';
      readonly offset: number | null;
      readonly result: Extraction;
    }
  | { readonly id: number; readonly kind: 'rewrite'; readonly result: RewriteResult }
  /** An unexpected exception inside the worker. */
  | { readonly id: number; readonly kind: 'failed'; readonly message: string };
