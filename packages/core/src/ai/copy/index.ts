export { loadCopyFacts, type CopyFacts } from "./facts";
export { COPY_LIMITS, COPY_TONES, templateCopy, type CopyTone, type ProductCopyText } from "./template";
export { copyFlags, type CopyFlag } from "./compliance";
export { parseCopyAnswer } from "./claude-copy";
export {
  fileProductCopy,
  generateProductCopy,
  prepareProductCopy,
  type PreparedCopy,
  type CopyActor,
  type CopyDeps,
  type CopyGeneration,
  type CopyRequester,
} from "./generate";
export {
  acceptCopyDraft,
  approvedCopyFor,
  copyCoverage,
  listCopyDrafts,
  listProductCopyDrafts,
  rejectCopyDraft,
  type CopyDraftStatus,
} from "./drafts";
