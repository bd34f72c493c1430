// Entry point for `npm run audit:verify -- <file>` (npx tsx main/services/audit/verifyCli.ts <file>).
import { runVerifyCommand } from './verifyCommand';

process.exitCode = await runVerifyCommand(
  process.argv.slice(2),
  (line) => process.stdout.write(`${line}\n`),
  (line) => process.stderr.write(`${line}\n`),
);
