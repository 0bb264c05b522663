import { redirect, type ActionFunctionArgs } from "@remix-run/node";
import { getDb } from "#db/client.server";
import { clearedSessionCookie, endSession, readSessionId } from "~/auth/session.server";

/** Signing out only by POST, so that a link or an image on another site cannot sign anyone out. */
export async function loader() {
  throw redirect("/");
}

export async function action({ request }: ActionFunctionArgs) {
  const db = await getDb();
  const sessionId = readSessionId(db, request);
  if (sessionId) await endSession(db, sessionId);
  throw redirect("/login", { headers: { "Set-Cookie": clearedSessionCookie(db) } });
}
