export { loadCopyFacts, type CopyFacts } from "./facts";
export { COPY_LIMITS, COPY_TONES, templateCopy, type CopyTone, type ProductCopyText } from "./template";
export { copyFlags, type CopyFlag } from "./compliance";
export { parseCopyAnswer } from "./claude-copy";
export { generateProductCopy, type CopyActor, type CopyDeps, type CopyGeneration } from "./generate";
export {
  acceptCopyDraft,
  approvedCopyFor,
  copyCoverage,
  listCopyDrafts,
  rejectCopyDraft,
  type CopyDraftStatus,
} from "./drafts";
