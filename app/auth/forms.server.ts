/**
 * zod schemas for every auth and user-administration form, and one helper that turns a
 * failed parse into field-level messages. Kept out of route modules so the classic compiler
 * does not ship zod to the browser.
 */
import { z } from "zod";
import { ROLES } from "./permissions";
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "./password-policy";

export type FieldErrors = Record<string, string>;
export type Parsed<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors };

/** Reads a form (repeated fields become arrays) or query string and validates it. */
export function parseFields<S extends z.ZodType>(schema: S, fields: FormData | URLSearchParams): Parsed<z.output<S>> {
  const raw: Record<string, string | string[]> = {};
  for (const key of new Set(fields.keys())) {
    const values = fields.getAll(key).filter((v): v is string => typeof v === "string");
    raw[key] = values.length === 1 ? values[0] : values;
  }
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors = {};
  for (const issue of result.error.issues) {
    const field = issue.path.length ? String(issue.path[0]) : "form";
    fieldErrors[field] ??= issue.message;
  }
  return { ok: false, fieldErrors };
}

const email = z
  .string({ error: "Enter your email address." })
  .trim()
  .min(1, "Enter your email address.")
  .max(254, "An email address has at most 254 characters.")
  .pipe(z.email("Enter an email address like name@city.gov."))
  .transform((v) => v.toLowerCase());

const newPassword = z
  .string({ error: "Enter a password." })
  .min(PASSWORD_MIN_LENGTH, `Use at least ${PASSWORD_MIN_LENGTH} characters.`)
  .max(PASSWORD_MAX_LENGTH, `Use at most ${PASSWORD_MAX_LENGTH} characters.`);

const asArray = (v: unknown) => (v === undefined || v === "" ? [] : Array.isArray(v) ? v : [v]);

export const loginSchema = z.object({
  email,
  password: z.string({ error: "Enter your password." }).min(1, "Enter your password.").max(PASSWORD_MAX_LENGTH),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string({ error: "Enter your current password." }).min(1, "Enter your current password."),
    newPassword,
    confirmPassword: z.string({ error: "Repeat the new password." }),
  })
  .refine((v) => v.newPassword === v.confirmPassword, {
    path: ["confirmPassword"],
    message: "The two new passwords differ.",
  })
  .refine((v) => v.newPassword !== v.currentPassword, {
    path: ["newPassword"],
    message: "Choose a password different from the current one.",
  });

const departmentIds = z.preprocess(
  asArray,
  z.array(z.coerce.number().int("Pick departments from the list.").positive("Pick departments from the list.")),
);

const role = z.enum(ROLES, { error: "Pick one of the roles." });

const accessFields = {
  role,
  departmentIds,
};

function deptHeadNeedsDepartment<T extends { role: string; departmentIds: number[] }>(v: T) {
  return v.role !== "dept_head" || v.departmentIds.length > 0;
}
const deptMessage = { path: ["departmentIds"], message: "A department head needs at least one department." };

export const createUserSchema = z
  .object({
    email,
    name: z.string({ error: "Enter the person's name." }).trim().min(1, "Enter the person's name.").max(200),
    password: newPassword,
    ...accessFields,
  })
  .refine(deptHeadNeedsDepartment, deptMessage);

export const updateAccessSchema = z.object({ intent: z.literal("access"), ...accessFields }).refine(deptHeadNeedsDepartment, deptMessage);
export const resetPasswordSchema = z.object({ intent: z.literal("reset-password"), password: newPassword });
export const setDisabledSchema = z.object({ intent: z.literal("set-disabled"), disabled: z.enum(["true", "false"]) });

export const userIdParam = z.string().regex(/^[a-z0-9]{10,40}$/);

export const auditFilterSchema = z.object({
  entityType: z.string().trim().max(64).optional().transform((v) => v || undefined),
  entityId: z.string().trim().max(200).optional().transform((v) => v || undefined),
  actor: z.string().trim().max(254).optional().transform((v) => v || undefined),
  from: z.iso.date("Use a date like 2026-01-31.").optional().or(z.literal("").transform(() => undefined)),
  to: z.iso.date("Use a date like 2026-01-31.").optional().or(z.literal("").transform(() => undefined)),
  page: z.coerce.number().int().min(1, "Pages start at 1.").max(100_000).optional().default(1),
});
