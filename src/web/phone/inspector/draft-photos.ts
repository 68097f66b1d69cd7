/**
 * The photos of a draft, in IndexedDB (they would not fit localStorage), under the draft's
 * task and line. Every call resolves, never rejects: where IndexedDB is refused (private
 * browsing), photos are simply not kept and the draft says how many to take again.
 */
const DB_NAME = 'hazeops-inspector';
const STORE = 'draft-photos';

let opening: Promise<IDBDatabase | null> | null = null;

function db(): Promise<IDBDatabase | null> {
  opening ??= new Promise((done) => {
    try {
      const req = indexedDB.open(DB_NAME, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(STORE);
      req.onsuccess = () => done(req.result);
      req.onerror = () => done(null);
      req.onblocked = () => done(null);
    } catch {
      done(null);
    }
  });
  return opening;
}

function run<T>(mode: IDBTransactionMode, act: (store: IDBObjectStore) => IDBRequest<T>): Promise<T | null> {
  return db().then(
    (d) =>
      new Promise<T | null>((done) => {
        if (!d) return done(null);
        try {
          const req = act(d.transaction(STORE, mode).objectStore(STORE));
          req.onsuccess = () => done(req.result);
          req.onerror = () => done(null);
        } catch {
          done(null);
        }
      }),
  );
}

const key = (taskId: string, lineCode: string): string => `${taskId}:${lineCode}`;

/** Keeps these photos for the draft (replacing what was kept); true when stored. */
export async function keepDraftPhotos(taskId: string, lineCode: string, files: File[]): Promise<boolean> {
  if (files.length === 0) {
    await dropDraftPhotos(taskId, lineCode);
    return true;
  }
  return (await run('readwrite', (s) => s.put(files, key(taskId, lineCode)))) !== null;
}

export async function draftPhotos(taskId: string, lineCode: string): Promise<File[]> {
  const got = await run<unknown>('readonly', (s) => s.get(key(taskId, lineCode)));
  return Array.isArray(got) ? got.filter((f): f is File => f instanceof Blob && typeof (f as File).name === 'string') : [];
}

export async function dropDraftPhotos(taskId: string, lineCode: string): Promise<void> {
  await run('readwrite', (s) => s.delete(key(taskId, lineCode)));
}
