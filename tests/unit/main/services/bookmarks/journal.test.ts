import { mkdtemp, readFile, rm, writeFile, appendFile, readdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Journal, encodeRecord } from '../../../../../main/services/bookmarks/journal';

let dir: string;
let file: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'atalaya-journal-'));
  file = join(dir, 'test.journal');
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const records = (n: number) => Array.from({ length: n }, (_, i) => ({ i, note: `récord ${i} ✓`, pad: 'x'.repeat(i % 7) }));

async function writeJournal(list: unknown[]): Promise<void> {
  const { journal } = await Journal.open(file);
  for (const r of list) await journal.append(r);
  await journal.close();
}

describe('Journal', () => {
  it('gives back what was appended, in order, after reopening', async () => {
    await writeJournal(records(20));
    const { journal, records: read, skipped, truncatedBytes } = await Journal.open(file);
    await journal.close();
    expect(read).toEqual(records(20));
    expect({ skipped, truncatedBytes }).toEqual({ skipped: 0, truncatedBytes: 0 });
  });

  it('cuts off a torn last record and keeps appending cleanly after it', async () => {
    await writeJournal(records(3));
    const torn = encodeRecord({ i: 3, note: 'half written' });
    await appendFile(file, torn.slice(0, torn.length / 2));

    const first = await Journal.open(file);
    expect(first.records).toEqual(records(3));
    expect(first.truncatedBytes).toBe(Buffer.byteLength(torn.slice(0, torn.length / 2)));
    await first.journal.append({ i: 4 });
    await first.journal.close();

    const second = await Journal.open(file);
    await second.journal.close();
    expect(second.records).toEqual([...records(3), { i: 4 }]);
    expect(second.truncatedBytes).toBe(0);
  });

  it('recovers exactly the records written before a crash at any byte', async () => {
    const all = records(12);
    await writeJournal(all);
    const bytes = await readFile(file);
    // Where each record's line ends: a cut at or after that byte keeps it.
    const ends: number[] = [];
    let offset = 0;
    for (const r of all) ends.push((offset += Buffer.byteLength(encodeRecord(r))));
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: bytes.length }), async (cut) => {
        await writeFile(file, bytes.subarray(0, cut));
        const { journal, records: read, skipped } = await Journal.open(file);
        await journal.close();
        expect(skipped).toBe(0);
        expect(read).toEqual(all.slice(0, ends.filter((end) => end <= cut).length));
      }),
      { numRuns: 60 },
    );
  });

  it('skips a complete line whose checksum does not match instead of trusting it', async () => {
    await writeJournal(records(5));
    const text = await readFile(file, 'utf8');
    const lines = text.split('\n');
    lines[2] = lines[2]!.replace('récord 2', 'récord X');
    await writeFile(file, lines.join('\n'));
    const { journal, records: read, skipped } = await Journal.open(file);
    await journal.close();
    expect(skipped).toBe(1);
    expect(read).toEqual([0, 1, 3, 4].map((i) => records(5)[i]));
  });

  it('commits concurrent appends, each resolving only once durable', async () => {
    const { journal } = await Journal.open(file);
    await Promise.all(records(200).map((r) => journal.append(r)));
    expect(journal.recordCount).toBe(200);
    await journal.close();
    const reopened = await Journal.open(file);
    await reopened.journal.close();
    expect(reopened.records).toEqual(records(200));
  });

  it('compacts to a snapshot of the state whose records are all on disk, then keeps appending', async () => {
    const { journal } = await Journal.open(file);
    // The owner's state, updated as it appends: what a snapshot must capture.
    let state = 0;
    const append = (r: unknown) => {
      state += 1;
      return journal.append(r);
    };
    for (const r of records(50)) await append(r);
    const compacted = journal.compactWhenIdle(() => [{ snapshotOf: state }]);
    const racing = append({ racing: true });
    await Promise.all([compacted, racing]);
    // The racing append was written first, so the snapshot includes it.
    expect(journal.recordCount).toBe(1);
    await append({ after: true });
    await journal.close();
    const reopened = await Journal.open(file);
    await reopened.journal.close();
    expect(reopened.records).toEqual([{ snapshotOf: 51 }, { after: true }]);
    expect(await readdir(dir)).toEqual(['test.journal']);
  });

  it('discards the temporary file of a compaction that died before its rename', async () => {
    await writeJournal(records(3));
    await writeFile(`${file}.tmp`, encodeRecord({ partial: 'snapshot' }).slice(0, 10));
    const { journal, records: read } = await Journal.open(file);
    await journal.close();
    expect(read).toEqual(records(3));
    expect(await readdir(dir)).toEqual(['test.journal']);
  });

  it('refuses appends once closed', async () => {
    const { journal } = await Journal.open(file);
    await journal.close();
    await expect(journal.append({ late: true })).rejects.toThrow(/closed/);
  });
});
