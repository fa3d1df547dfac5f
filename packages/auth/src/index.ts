export * from "./deps";
export * from "./age";
export * from "./password";
export * from "./tokens";
export * from "./accounts";
export * from "./sign-in";
export * from "./rbac";
export * from "./dispensary-sign-up";
