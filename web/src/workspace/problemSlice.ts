// Which problems each form section shows (by key prefix), and one section's slice of them (no imports: tested in node).
type Problems<P> = Map<string, P[]>;

const EMPTY: Problems<never> = new Map();

/** The keys (and what lies under them) each section shows problems for. */
export const SECTION_KEYS = {
  basic: ['contact', 'goals'],
  budget: ['figures.budget'],
  staffing: ['figures.staffing'],
  funds: ['figures.threePublic', 'figures.publicFunds', 'figures.procurement'],
  assets: ['figures.assets', 'figures.tasks', 'figures.satisfaction'],
  tasks: ['tasks'],
  indicators: ['indicators', 'tailoring'],
  narrative: ['narrative'],
} as const;

/** The problems whose key is one of `prefixes` or lies under one (`figures.budget` → `figures.budget.total`). */
export function sliceProblems<P>(all: Problems<P>, prefixes: readonly string[]): Problems<P> {
  let out: Problems<P> | undefined;
  for (const [k, v] of all) {
    if (!prefixes.some((p) => k === p || k.startsWith(`${p}.`))) continue;
    out ??= new Map();
    out.set(k, v);
  }
  return out ?? EMPTY;
}

export const problemsSig = <P>(m: Problems<P>): string => (m.size ? JSON.stringify([...m]) : '');
