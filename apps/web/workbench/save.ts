/** Browser side of saving: a download through an object URL, and copying to the clipboard. */

/** Offers `contents` as a download named `name`; nothing is sent anywhere. */
export function saveFile(name: string, contents: string | Uint8Array, type = "application/octet-stream"): void {
  const part: BlobPart = typeof contents === "string" ? contents : new Uint8Array(contents);
  const url = URL.createObjectURL(new Blob([part], { type }));
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  a.click();
  // Revoke later: Chromium starts the download asynchronously after the click.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** Copies text; resolves false where the clipboard is not available (insecure context, permissions). */
export async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    return false;
  }
}
