/**
 * The KL formula with the user's numbers substituted, as LaTeX: kept for its callers; every measure's
 * formula lives in termsLatex.ts.
 */
export { klSubstitutedLatex, logLatex, MAX_TERMS_SHOWN, TERMS_PER_LINE, LARGEST_TERMS_SHOWN } from './termsLatex';
