/**
 * Who may do what (DESIGN §2), written once. Pure: shared by the server, which decides,
 * and the UI, which only hides what a role cannot use.
 *
 * A permission is `${action}:${entity}:${access}`. `own` means "within the viewer's
 * departments"; `any` means every department. Holding `x:y:any` implies `x:y:own`, so routes
 * ask for the weakest form they need (`read:scorecard:own`) and read the rows through
 * `viewerScope(viewer)`, which narrows a department head to their departments.
 */

export const ROLES = ["admin", "staff_311", "mayor_office", "dept_head"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LABELS: Record<Role, string> = {
  admin: "Administrator",
  staff_311: "311 staff",
  mayor_office: "Mayor's Office",
  dept_head: "Department head",
};

export function isRole(value: unknown): value is Role {
  return typeof value === "string" && (ROLES as readonly string[]).includes(value);
}

export type Access = "own" | "any";

/** Every entity the app guards, with the actions that make sense for it. */
const ENTITY_ACTIONS = {
  scorecard: ["read"],
  import: ["read", "run"],
  outcome_mapping: ["read", "update"],
  user: ["read", "update"],
  audit: ["read"],
  meeting: ["read", "run"],
  action_item: ["read", "assign", "answer"],
  worksheet: ["read", "propose", "review"],
  sla: ["read", "approve"],
  report: ["read", "publish"],
  staffing: ["read"],
} as const;

type EntityActions = typeof ENTITY_ACTIONS;
export type Entity = keyof EntityActions;
export type Permission = {
  [E in Entity]: `${EntityActions[E][number]}:${E}:${Access}`;
}[Entity];

/** What a role holds. A department head's `own` grants are bounded by their departments. */
const GRANTS: Record<Role, readonly Permission[]> = {
  admin: [
    "read:scorecard:any",
    "read:import:any",
    "run:import:any",
    "read:outcome_mapping:any",
    "update:outcome_mapping:any",
    "read:user:any",
    "update:user:any",
    "read:audit:any",
    "read:meeting:any",
    "read:action_item:any",
    "read:worksheet:any",
    "read:sla:any",
    "read:report:any",
    "read:staffing:any",
  ],
  staff_311: [
    "read:scorecard:any",
    "read:import:any",
    "run:import:any",
    "read:outcome_mapping:any",
    "read:meeting:any",
    "run:meeting:any",
    "read:action_item:any",
    "assign:action_item:any",
    "read:worksheet:any",
    "review:worksheet:any",
    "read:sla:any",
    "read:report:any",
    "publish:report:any",
    "read:staffing:any",
  ],
  mayor_office: [
    "read:scorecard:any",
    "read:meeting:any",
    "run:meeting:any",
    "read:action_item:any",
    "assign:action_item:any",
    "read:worksheet:any",
    "read:sla:any",
    "approve:sla:any",
    "read:report:any",
    "read:staffing:any",
  ],
  dept_head: [
    "read:scorecard:own",
    "read:meeting:own",
    "read:action_item:own",
    "answer:action_item:own",
    "read:worksheet:own",
    "propose:worksheet:own",
    "read:sla:own",
    "read:report:own",
  ],
};

/** Every permission string, for tests and the admin page's role description. */
export const PERMISSIONS: readonly Permission[] = (Object.keys(ENTITY_ACTIONS) as Entity[]).flatMap((entity) =>
  ENTITY_ACTIONS[entity].flatMap((action) =>
    (["own", "any"] as const).map((access) => `${action}:${entity}:${access}` as Permission),
  ),
);

export function permissionsOf(role: Role): readonly Permission[] {
  return GRANTS[role];
}

export function can(role: Role, permission: Permission): boolean {
  const grants = GRANTS[role];
  if (grants.includes(permission)) return true;
  const [action, entity, access] = permission.split(":");
  return access === "own" && grants.includes(`${action}:${entity}:any` as Permission);
}

/** Roles whose reach is the whole city rather than a list of departments. */
export function seesAllDepartments(role: Role): boolean {
  return can(role, "read:scorecard:any");
}

/** The person making a request, as every loader and data-access function sees them. */
export type Viewer = {
  id: string;
  email: string;
  name: string;
  role: Role;
  /** The departments a `dept_head` is responsible for; empty for city-wide roles. */
  departmentIds: number[];
};
