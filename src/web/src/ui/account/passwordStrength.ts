// Password strength by zxcvbn-ts, bundled (no CDN) and loaded in its own chunk only on pages that set a password.
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as common from '@zxcvbn-ts/language-common';

const estimator = new ZxcvbnFactory({ dictionary: common.dictionary, graphs: common.adjacencyGraphs });

/** 0 (guessed at once) … 4 (very hard to guess); the person's own e-mail and name count against it. */
export function score(password: string, userInputs: string[]): 0 | 1 | 2 | 3 | 4 {
  return estimator.check(password.slice(0, 256), userInputs).score;
}
