/**
 * The inspector page's service worker (served at /inspect-sw.js, scope /inspect): keeps the
 * page and its built assets so that a reload without network still opens the page, which
 * then shows the last loaded tasks and the drafts. API calls are not touched: the page
 * itself decides what to show offline.
 */

// The few service-worker types used here (the page's tsconfig has the DOM library, not WebWorker's).
interface ExtendableEvent extends Event {
  waitUntil(p: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  request: Request;
  respondWith(r: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', fn: (e: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', fn: (e: FetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  location: Location;
}
const worker = self as unknown as WorkerScope;

const CACHE = 'hazeops-inspector-v1';
const PAGE = '/inspect';
const ASSETS = '/phone/assets/';

async function keepPage(): Promise<void> {
  const cache = await caches.open(CACHE);
  const res = await fetch(PAGE, { cache: 'no-store' });
  if (!res.ok) return;
  const html = await res.clone().text();
  await cache.put(PAGE, res);
  const assets = [...html.matchAll(/(?:src|href)="(\/phone\/assets\/[^"]+)"/g)].map((m) => m[1]!);
  await cache.addAll(assets);
}

worker.addEventListener('install', (e) => e.waitUntil(keepPage().then(() => worker.skipWaiting())));

worker.addEventListener('activate', (e) =>
  e.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
      .then(() => worker.clients.claim()),
  ),
);

/** The page: from the network when there is one (and kept), else the kept copy. */
async function page(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const res = await fetch(request);
    if (res.ok) await cache.put(PAGE, res.clone());
    return res;
  } catch (err) {
    const kept = await cache.match(PAGE);
    if (kept) return kept;
    throw err;
  }
}

/** Built assets never change under their name: the kept copy first. */
async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const kept = await cache.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok) await cache.put(request, res.clone());
  return res;
}

worker.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (url.origin !== worker.location.origin || e.request.method !== 'GET') return;
  if (e.request.mode === 'navigate' && url.pathname === PAGE) e.respondWith(page(e.request));
  else if (url.pathname.startsWith(ASSETS)) e.respondWith(asset(e.request));
});
