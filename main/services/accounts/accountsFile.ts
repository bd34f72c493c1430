import { join } from 'node:path';
import { z } from 'zod';
import { normalizeUsername, UserSchema } from '../../../common/security/userSchema';
import { describeProblems, parseJsonWith } from '../../../common/validation';
import { readIfExists, writePrivateFileAtomic } from '../secrets/privateFile';
import { PasswordHashSchema } from './passwordHash';

/** Local accounts, one JSON file in the data dir, written whole and atomically on every change. */
export const ACCOUNTS_FILE_NAME = 'accounts.json';

export const StoredUserSchema = UserSchema.extend({
  password: PasswordHashSchema,
  createdAt: z.iso.datetime(),
  passwordChangedAt: z.iso.datetime(),
}).strict();
export type StoredUser = z.infer<typeof StoredUserSchema>;

export const AccountsFileSchema = z
  .object({
    version: z.literal(1),
    users: z.array(StoredUserSchema),
  })
  .strict()
  .superRefine((file, ctx) => {
    const ids = new Set<string>();
    const names = new Set<string>();
    file.users.forEach((user, index) => {
      if (ids.has(user.id)) ctx.addIssue({ code: 'custom', path: ['users', index, 'id'], message: `duplicate id ${user.id}` });
      const name = normalizeUsername(user.username);
      if (names.has(name)) ctx.addIssue({ code: 'custom', path: ['users', index, 'username'], message: `duplicate username ${user.username}` });
      ids.add(user.id);
      names.add(name);
    });
  });

export function accountsFilePath(dataDir: string): string {
  return join(dataDir, ACCOUNTS_FILE_NAME);
}

/**
 * Reads the accounts, or undefined when the file does not exist yet (first run). A file that
 * exists but does not parse is an error, never "no accounts": treating it as empty would offer
 * first-run admin creation to whoever managed to corrupt it.
 */
export async function readAccountsFile(path: string): Promise<StoredUser[] | undefined> {
  const bytes = await readIfExists(path);
  if (bytes === undefined) return undefined;
  const parsed = parseJsonWith(AccountsFileSchema, bytes.toString('utf8'));
  if (!parsed.ok) throw new Error(`accounts file is invalid; refusing to start without it:\n${describeProblems(path, parsed.problems)}`);
  return parsed.value.users;
}

export async function writeAccountsFile(path: string, users: readonly StoredUser[]): Promise<void> {
  await writePrivateFileAtomic(path, `${JSON.stringify({ version: 1, users }, null, 2)}\n`);
}
