export * from "./allocation";
export * from "./receipt";
export * from "./enqueue";
export * from "./credentials";
export * from "./runtime";
export {
  runMetrcSync,
  facilityLagSeconds,
  METRC_MAX_ATTEMPTS,
  metrcQueue,
  type MetrcSyncOptions,
  type MetrcSyncResult,
  type FacilitySyncResult,
} from "./sync";
export * from "./reconcile";
export * from "./retry";
export * from "./dashboard";
export { metrcSyncJob, metrcReconcileJob, MANUAL_RUN_BUDGET_MS, manualRunSignal } from "./jobs";
