/** The actions of the user-administration pages: parse → change → audit, with field messages on bad input. */
import { getDb } from "#db/client.server";
import { actorFromViewer } from "~/audit/log.server";
import type { Viewer } from "./permissions";
import { createUserSchema, parseFields, resetPasswordSchema, setDisabledSchema, updateAccessSchema, userIdParam } from "./forms.server";
import { notFound } from "./require.server";
import { createUser, getUserSummary, resetUserPassword, setUserDisabled, updateUserAccess, UserInputError } from "./users.server";

export type AdminActionResult = { ok: true; message: string } | { ok: false; fieldErrors: Record<string, string> };

function failure(error: unknown): AdminActionResult {
  if (error instanceof UserInputError) return { ok: false, fieldErrors: { [error.field]: error.message } };
  throw error;
}

export async function createUserFromForm(viewer: Viewer, form: FormData): Promise<AdminActionResult> {
  const parsed = parseFields(createUserSchema, form);
  if (!parsed.ok) return parsed;
  try {
    const user = await createUser(await getDb(), actorFromViewer(viewer), parsed.data);
    return { ok: true, message: `Created ${user.email}.` };
  } catch (error) {
    return failure(error);
  }
}

export function parseUserId(raw: string | undefined): string {
  const parsed = userIdParam.safeParse(raw);
  if (!parsed.success) throw notFound("No such user.");
  return parsed.data;
}

export async function requireUserSummary(id: string) {
  const user = await getUserSummary(await getDb(), id);
  if (!user) throw notFound("No such user.");
  return user;
}

export async function changeUserFromForm(viewer: Viewer, id: string, form: FormData): Promise<AdminActionResult> {
  const db = await getDb();
  const actor = actorFromViewer(viewer);
  const intent = form.get("intent");
  try {
    if (intent === "access") {
      const parsed = parseFields(updateAccessSchema, form);
      if (!parsed.ok) return parsed;
      if (id === viewer.id && parsed.data.role !== "admin") {
        return { ok: false, fieldErrors: { role: "You cannot remove your own administrator role." } };
      }
      if (!(await updateUserAccess(db, actor, id, parsed.data))) throw notFound("No such user.");
      return { ok: true, message: "Role and departments saved; the user's sessions were ended." };
    }
    if (intent === "reset-password") {
      const parsed = parseFields(resetPasswordSchema, form);
      if (!parsed.ok) return parsed;
      if (!(await resetUserPassword(db, actor, id, parsed.data.password))) throw notFound("No such user.");
      return { ok: true, message: "Password reset; the user's sessions were ended." };
    }
    if (intent === "set-disabled") {
      const parsed = parseFields(setDisabledSchema, form);
      if (!parsed.ok) return parsed;
      const disabled = parsed.data.disabled === "true";
      if (!(await setUserDisabled(db, actor, id, disabled))) throw notFound("No such user.");
      return { ok: true, message: disabled ? "Account disabled and signed out." : "Account enabled." };
    }
    return { ok: false, fieldErrors: { form: "Unknown action." } };
  } catch (error) {
    return failure(error);
  }
}
