/** The kit as a .zip, built with fflate (loaded on demand) with Unix modes so keys unpack as 0600. */
import type { LaidOutFile } from "../../lib/kit-layout";

/** Zips `files` under `folder/`. */
export async function zipKit(files: readonly LaidOutFile[], folder: string): Promise<Uint8Array> {
  const { zipSync, strToU8 } = await import("fflate");
  const entries: Record<string, [Uint8Array, { os: number; attrs: number }]> = {};
  for (const f of files) {
    const bytes = typeof f.contents === "string" ? strToU8(f.contents) : f.contents;
    // External attributes: the Unix mode in the high 16 bits, "made by" Unix (3), as unzip and Info-ZIP expect.
    entries[`${folder}/${f.path}`] = [bytes, { os: 3, attrs: ((0o100000 | f.mode) << 16) >>> 0 }];
  }
  return zipSync(entries, { level: 6 });
}
