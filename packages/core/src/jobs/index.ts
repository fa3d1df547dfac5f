export * from "./define";
export * from "./registry";
export * from "./run";
export { outboxJob, reservationsJob } from "./builtin";
