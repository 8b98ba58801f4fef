/**
 * Start-up problems: what went wrong while loading (a file set aside, a history that could not be
 * read), shown in the popover as one list. Each part that can have a problem adds one provider to
 * the list in app-service.ts.
 */

/** Returns the problems one part has now (usually fixed at start-up). */
export type ProblemProvider = () => readonly string[];

/** One list from every provider, in order; a missing provider (the CLI has no alert store) adds nothing. */
export function collectProblems(providers: readonly (ProblemProvider | undefined)[]): () => string[] {
  return () => providers.flatMap((p) => (p ? [...p()] : []));
}

/** A single load problem (a store's `loadProblem`) as a provider. */
export function loadProblem(store: { readonly loadProblem: string | null } | undefined): ProblemProvider {
  return () => (store?.loadProblem ? [store.loadProblem] : []);
}
