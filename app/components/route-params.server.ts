import { z } from "zod";

const departmentId = z.coerce.number().int().positive();

/** A department id from the URL; anything that is not one is a 404, like a department outside the viewer's scope. */
export function parseDepartmentId(raw: string | undefined): number {
  const parsed = departmentId.safeParse(raw);
  if (!parsed.success) throw new Response("No such department.", { status: 404 });
  return parsed.data;
}
