// The panels around the evaluation form; one file each.
export { CommentsPanel } from './CommentsPanel';
export { EvidenceModal } from './EvidenceModal';
export { fieldTarget, FindingsPanel, focusElement } from './FindingsPanel';
export { SaveIndicator, ScoreBar } from './ScoreBar';
