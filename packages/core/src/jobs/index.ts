export * from "./define";
export * from "./registry";
export * from "./run";
export * from "./cron";
export { outboxJob, reservationsJob } from "./builtin";
