import { sql } from "drizzle-orm";
import { index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex } from "drizzle-orm/pg-core";
import { departments } from "./core";

const tstz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

/** Role names are validated in app/auth/permissions.ts; the column stays text so a new role needs no migration. */
export const users = pgTable(
  "users",
  {
    id: text("id").primaryKey(),
    /** Stored lower-cased and trimmed; the unique index is what makes sign-in by email unambiguous. */
    email: text("email").notNull(),
    name: text("name").notNull(),
    role: text("role").notNull(),
    passwordHash: text("password_hash").notNull(),
    disabledAt: tstz("disabled_at"),
    passwordChangedAt: tstz("password_changed_at").notNull().defaultNow(),
    createdAt: tstz("created_at").notNull().defaultNow(),
    updatedAt: tstz("updated_at").notNull().defaultNow(),
  },
  (t) => [uniqueIndex("users_email_idx").on(sql`lower(${t.email})`)],
);

export const userDepartments = pgTable(
  "user_departments",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    departmentId: integer("department_id")
      .notNull()
      .references(() => departments.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.departmentId] }), index("user_departments_department_idx").on(t.departmentId)],
);

/** lucia's session table (id, user_id, expires_at) plus the creation time that bounds a session's absolute lifetime. */
export const sessions = pgTable(
  "sessions",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expiresAt: tstz("expires_at").notNull(),
    createdAt: tstz("created_at").notNull().defaultNow(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/**
 * Failed sign-ins counted per account (normalised email) and per client IP, in the database so
 * that every server process sees the same counts.
 */
export const loginThrottle = pgTable(
  "login_throttle",
  {
    kind: text("kind").notNull().$type<"account" | "ip">(),
    key: text("key").notNull(),
    failures: integer("failures").notNull(),
    windowStartedAt: tstz("window_started_at").notNull(),
    lockedUntil: tstz("locked_until"),
  },
  (t) => [primaryKey({ columns: [t.kind, t.key] })],
);
