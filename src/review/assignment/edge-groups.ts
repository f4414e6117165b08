/** Edge indices grouped by a key (counting sort, stable): group k is order[start[k] .. start[k+1]-1]. */
export interface EdgeGroups {
  start: Int32Array;
  order: Int32Array;
}

export function groupEdges(keys: Int32Array, keyCount: number): EdgeGroups {
  const start = new Int32Array(keyCount + 1);
  for (let e = 0; e < keys.length; e++) start[keys[e] + 1]++;
  for (let k = 0; k < keyCount; k++) start[k + 1] += start[k];
  const fill = start.slice(0, keyCount);
  const order = new Int32Array(keys.length);
  for (let e = 0; e < keys.length; e++) order[fill[keys[e]]++] = e;
  return { start, order };
}
