export * from "./demand";
export * from "./suppliers";
export * from "./suggestions";
export * from "./purchase-orders";
export * from "./send";
export * from "./receive";
export * from "./pdf";
export * from "./forecast-view";
