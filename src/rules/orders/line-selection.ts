// Choosing which extra lines (or cells) to stop so that a set-level minimum is met.
// Works on index arrays and caller-owned scratch buffers: it runs once per enterprise
// in the 100,000-enterprise derivation, so it allocates nothing.

/** Sorts the first `count` indices by line code (ordinal string order). */
function sortByCode(idx: Int32Array, count: number, codes: readonly { code: string }[]): void {
  for (let i = 1; i < count; i++) {
    const v = idx[i]!;
    const code = codes[v]!.code;
    let j = i - 1;
    while (j >= 0 && codes[idx[j]!]!.code > code) {
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = v;
  }
}

/**
 * Marks in `chosen` (by line index) whole lines among `idx[0..count)` whose capacity adds
 * up to at least `required` with the smallest overshoot. Ties (equal sums within `eps`)
 * go to the set holding the smallest line code among the lines where the sets differ.
 * Exact up to `exactMax` candidates (Gray-code enumeration, ≤ 2^exactMax steps); beyond,
 * a greedy heuristic: take lines largest first while they fit under the remainder,
 * then the smallest line that covers what is left.
 * Returns false when even all candidates fall short.
 */
export function selectLines(lines: readonly { code: string; capacity: number }[], idx: Int32Array, count: number, required: number, eps: number, exactMax: number, chosen: Uint8Array): boolean {
  if (required <= eps) return true;
  if (count === 0) return false;
  if (count <= exactMax) {
    sortByCode(idx, count, lines);
    let sum = 0;
    let gray = 0;
    let bestMask = -1;
    let bestSum = Number.POSITIVE_INFINITY;
    const end = 2 ** count;
    for (let i = 1; i < end; i++) {
      const bit = 31 - Math.clz32(i & -i);
      const flag = 1 << bit;
      gray ^= flag;
      const cap = lines[idx[bit]!]!.capacity;
      sum += (gray & flag) !== 0 ? cap : -cap;
      if (sum < required - eps) continue;
      if (sum < bestSum - eps) {
        bestSum = sum;
        bestMask = gray;
      } else if (sum <= bestSum + eps) {
        const diff = gray ^ bestMask;
        // Bits follow code order, so the lowest differing bit is the smallest differing code.
        if ((diff & -diff & gray) !== 0) {
          bestSum = sum;
          bestMask = gray;
        }
      }
    }
    if (bestMask < 0) return false;
    for (let b = 0; b < count; b++) if ((bestMask & (1 << b)) !== 0) chosen[idx[b]!] = 1;
    return true;
  }
  // Greedy: largest first (ties by code), never overshooting while a line still fits.
  for (let i = 1; i < count; i++) {
    const v = idx[i]!;
    const cap = lines[v]!.capacity;
    const code = lines[v]!.code;
    let j = i - 1;
    while (j >= 0) {
      const o = lines[idx[j]!]!;
      if (o.capacity > cap || (o.capacity === cap && o.code < code)) break;
      idx[j + 1] = idx[j]!;
      j--;
    }
    idx[j + 1] = v;
  }
  let remaining = required;
  for (let i = 0; i < count && remaining > eps; i++) {
    const cap = lines[idx[i]!]!.capacity;
    if (cap <= remaining + eps) {
      chosen[idx[i]!] = 1;
      remaining -= cap;
    }
  }
  if (remaining <= eps) return true;
  // Every line left is larger than the remainder: the smallest (then first by code) covers it.
  let pick = -1;
  for (let i = count - 1; i >= 0; i--) {
    const v = idx[i]!;
    if (chosen[v] !== 0) continue;
    if (pick < 0 || lines[v]!.capacity < lines[pick]!.capacity || (lines[v]!.capacity === lines[pick]!.capacity && lines[v]!.code < lines[pick]!.code)) pick = v;
  }
  if (pick < 0) return false;
  chosen[pick] = 1;
  return true;
}

/**
 * Cell counting (electrolytic aluminium): each cell weighs its share of its line's
 * capacity; a line without a cell count is one cell. Fills lines with the largest cells
 * first without overshooting, then stops one more cell on the line with the smallest
 * cell that still has one running, so the overshoot stays under one cell. Writes cells
 * to stop per line index into `cellsOut`. Heuristic, documented: not a full search.
 */
export function selectCells(lines: readonly { code: string; capacity: number; cells: number | null }[], idx: Int32Array, count: number, required: number, eps: number, cellsOut: Int32Array): boolean {
  if (required <= eps) return true;
  const cellSize = (i: number): number => lines[i]!.capacity / (lines[i]!.cells || 1);
  for (let i = 1; i < count; i++) {
    const v = idx[i]!;
    const s = cellSize(v);
    const code = lines[v]!.code;
    let j = i - 1;
    while (j >= 0) {
      const o = idx[j]!;
      const os = cellSize(o);
      if (os > s || (os === s && lines[o]!.code < code)) break;
      idx[j + 1] = o;
      j--;
    }
    idx[j + 1] = v;
  }
  let remaining = required;
  for (let i = 0; i < count && remaining > eps; i++) {
    const v = idx[i]!;
    const s = cellSize(v);
    const k = Math.min(lines[v]!.cells || 1, Math.floor((remaining + eps) / s));
    cellsOut[v] = k;
    remaining -= k * s;
  }
  if (remaining <= eps) return true;
  for (let i = count - 1; i >= 0; i--) {
    const v = idx[i]!;
    if (cellsOut[v]! < (lines[v]!.cells || 1)) {
      cellsOut[v] = cellsOut[v]! + 1;
      return true;
    }
  }
  return false;
}
