/**
 * The primary navigation, one entry per capability, each with the permission it needs. Pure:
 * the app shell shows a role only what it may use; the routes still check on the server.
 * Add an entry here when a capability gets its page.
 */
import { can, type Permission, type Role } from "./permissions";

export interface NavEntry {
  to: string;
  label: string;
  permission: Permission;
}

export const NAV: readonly NavEntry[] = [
  { to: "/", label: "Scorecard", permission: "read:scorecard:own" },
  { to: "/definitions", label: "Definitions", permission: "read:scorecard:own" },
  { to: "/data-quality", label: "Data quality", permission: "read:scorecard:own" },
  { to: "/imports", label: "Imports", permission: "read:import:any" },
  { to: "/admin/users", label: "Users", permission: "update:user:any" },
  { to: "/admin/audit", label: "Audit log", permission: "read:audit:any" },
];

export function navFor(role: Role | null | undefined): { to: string; label: string }[] {
  if (!role) return [];
  return NAV.filter((item) => can(role, item.permission)).map(({ to, label }) => ({ to, label }));
}
