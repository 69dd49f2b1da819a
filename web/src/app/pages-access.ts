// Pages only some roles use; the others get a clear 403 instead of an empty page (no imports: tested in node).
const bureau = (r: string) => r === 'bureau_admin' || r === 'bureau_reviewer';

export const PAGE_ROLES: Readonly<Record<string, (role: string) => boolean>> = {
  rounds: bureau,
  round: (r) => r !== 'public',
  // The review queue is the bureau's and the leaders' work; the public reads approved evaluations only.
  review: (r) => r !== 'public',
  frameworkEdit: (r) => r === 'bureau_admin',
  // the cycle (docs/cycle.md)
  targets: (r) => r !== 'public',
  target: (r) => r !== 'public',
  monitoring: (r) => r !== 'public',
  monitoringForm: (r) => r !== 'public',
  rectification: (r) => r !== 'public',
  results: bureau,
  cycleSettings: (r) => r === 'bureau_admin',
};
