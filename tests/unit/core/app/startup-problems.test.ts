/** Start-up problems: one list from every part, in order; a part that is absent adds nothing. */
import { describe, expect, it } from 'vitest';
import { collectProblems, loadProblem } from '../../../../electron/core/app/startup-problems';

describe('start-up problems', () => {
  it('lists every provider in order and reads them again on each call', () => {
    let history: string[] = [];
    const store = { loadProblem: 'Your forecast alert file could not be read.' as string | null };
    const problems = collectProblems([() => ['settings set aside'], undefined, () => history, loadProblem(store), loadProblem(undefined)]);
    expect(problems()).toEqual(['settings set aside', 'Your forecast alert file could not be read.']);
    history = ['history day file set aside'];
    store.loadProblem = null;
    expect(problems()).toEqual(['settings set aside', 'history day file set aside']);
  });
});
