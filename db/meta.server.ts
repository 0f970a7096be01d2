import { eq } from "drizzle-orm";
import type { Db } from "./client.server";
import { appMeta } from "./schema";

export function getMeta(db: Pick<Db, "select">, key: string): string | undefined {
  return db.select({ value: appMeta.value }).from(appMeta).where(eq(appMeta.key, key)).get()?.value;
}

export function setMeta(db: Pick<Db, "insert">, key: string, value: string): void {
  db.insert(appMeta).values({ key, value }).onConflictDoUpdate({ target: appMeta.key, set: { value } }).run();
}
