export * from "./roles";
export * from "./emails";
export * from "./invitations";
export * from "./members";
