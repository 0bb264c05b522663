/** How a staged column is typed when it moves from its text array into the staging table. */
export interface StageColumn {
  name: string;
  type: "text" | "ts" | "smallint" | "float8" | "bool" | "numeric";
}
