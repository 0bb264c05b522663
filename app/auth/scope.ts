/**
 * What part of the city a viewer may see. Every data-access function takes one, so that
 * a department head's limits are enforced where the rows are read, not only in the UI.
 */
export type Scope = { kind: "all" } | { kind: "departments"; departmentIds: readonly number[] };

export const ALL_DEPARTMENTS: Scope = { kind: "all" };

export function departmentsScope(departmentIds: readonly number[]): Scope {
  return { kind: "departments", departmentIds: [...new Set(departmentIds)].sort((a, b) => a - b) };
}

export function canSeeDepartment(scope: Scope, departmentId: number): boolean {
  return scope.kind === "all" || scope.departmentIds.includes(departmentId);
}
