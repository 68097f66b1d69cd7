/** The data block the server embeds in the page (`<script type="application/json" id="page-config">`). */
export function readPageConfig<T>(): T {
  const node = document.getElementById('page-config');
  if (!node?.textContent) throw new Error('page-config data block missing: the page must be served by the service');
  return JSON.parse(node.textContent) as T;
}
