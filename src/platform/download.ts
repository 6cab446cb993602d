/**
 * Saves text as a file from the panel: a Blob link with `download`, which an extension page may
 * use without the "downloads" permission. Nothing leaves the machine.
 */
export function downloadText(filename: string, text: string, mimeType: string): boolean {
  try {
    const url = URL.createObjectURL(new Blob([text], { type: `${mimeType};charset=utf-8` }));
    const link = document.createElement('a');
    link.href = url;
    link.download = filename;
    link.style.display = 'none';
    document.body.appendChild(link);
    link.click();
    link.remove();
    // The click has started the download; the object URL is no longer needed after it.
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return true;
  } catch {
    return false;
  }
}
