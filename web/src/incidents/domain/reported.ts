/** How many of the phone's own incidents the reporter view follows. */
export const MAX_REPORTED = 100;

/** The ids of the incidents recorded from this browser, newest first, without repeats. */
export function withReported(ids: readonly number[], id: number): number[] {
  return [id, ...ids.filter((known) => known !== id)].slice(0, MAX_REPORTED);
}

/** Reads a stored list defensively: anything but positive integers is dropped. */
export function parseReported(stored: string | null): number[] {
  try {
    const value: unknown = JSON.parse(stored ?? '[]');
    return Array.isArray(value) ? value.filter((id): id is number => Number.isSafeInteger(id) && id > 0).slice(0, MAX_REPORTED) : [];
  } catch {
    return [];
  }
}
