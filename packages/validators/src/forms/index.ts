/** Schemas of client-side forms whose fields differ from the server's input (a repeated password, ...). */
export * from "./password";
export * from "./location";
export * from "./integrations";
export * from "./metrc";
export * from "./domain";
export * from "./inventory";
export * from "./location-settings";
export * from "./purchasing";
