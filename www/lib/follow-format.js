// Pure helpers for following snapshots: elapsed time and the table's order. No DOM: Node tests them.

/** 65_000 -> "1:05"; 3_725_000 -> "1:02:05". */
export function formatElapsed(ms) {
  const total = Math.max(0, Math.floor(ms / 1000));
  const [h, m, s] = [Math.floor(total / 3600), Math.floor(total / 60) % 60, total % 60];
  const pad = (n) => String(n).padStart(2, "0");
  return h ? `${h}:${pad(m)}:${pad(s)}` : `${m}:${pad(s)}`;
}

/** Snapshots by StartTime, newest first; one without a StartTime goes last. */
export function newestFirst(snapshots) {
  const time = (s) => (s.StartTime ? new Date(s.StartTime).getTime() : -Infinity);
  return [...snapshots].sort((a, b) => time(b) - time(a));
}

/** The follow panel's headline for a state. */
export function stateTitle(state) {
  switch (state) {
    case "completed":
      return "Snapshot completed";
    case "error":
      return "Snapshot failed";
    case "stopped":
      return "Stopped following";
    case "timeout":
      return "Still not completed";
    default:
      return "Following the snapshot";
  }
}
