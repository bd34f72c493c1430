import { verifyAuditFile } from './verifyAudit';

/**
 * `audit:verify <file> [--head <seq>:<hash>]`: exit 0 and "OK: N entries" when the chain holds,
 * 1 naming the first bad entry when it does not, 2 for a usage or read error. The printed head
 * is what to write down (or keep in another system) to later catch truncation or a rebuilt chain.
 */
export async function runVerifyCommand(argv: readonly string[], out: (line: string) => void, err: (line: string) => void): Promise<number> {
  const usage = 'usage: audit:verify <audit-file.jsonl> [--head <seq>:<sha256-hex>]';
  const files: string[] = [];
  let expectHead: { seq: number; hash: string } | undefined;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--head') {
      const m = /^(\d+):([0-9a-f]{64})$/.exec(argv[++i] ?? '');
      if (!m) {
        err(`--head needs <seq>:<64 hex digits>\n${usage}`);
        return 2;
      }
      expectHead = { seq: Number(m[1]), hash: m[2]! };
    } else if (arg === '-h' || arg === '--help') {
      out(usage);
      return 0;
    } else files.push(arg);
  }
  if (files.length !== 1) {
    err(usage);
    return 2;
  }
  const file = files[0]!;
  try {
    const result = await verifyAuditFile(file, expectHead ? { expectHead } : {});
    if (result.ok) {
      out(`OK: ${result.entries} entries${result.head ? ` (head ${result.head.seq}:${result.head.hash})` : ''}`);
      return 0;
    }
    const { problem } = result;
    err(`FAIL: ${file}: line ${problem.line}${problem.seq !== null ? `, seq ${problem.seq}` : ''}: ${problem.kind}: ${problem.message}`);
    err(`${result.entriesVerified} entries before it verified`);
    return 1;
  } catch (e) {
    err(`cannot read ${file}: ${(e as Error).message}`);
    return 2;
  }
}
