export * from "./core";
export * from "./auth";
export * from "./aggregates";
export * from "./duplicates";
