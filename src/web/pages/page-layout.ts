import { type SafeHtml, html, raw } from '../html/html.js';
import { BASE_CSS } from './page-base-style.js';

const CSS = `${BASE_CSS}
body{margin:0;background:#f6f7f9;color:#1f2328;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:18px;line-height:1.6}
h1{font-size:24px;margin:8px 0 4px}
.facts th{text-align:left;color:#57606a;font-weight:normal;padding:6px 8px 6px 0;white-space:nowrap;vertical-align:top;width:7em}
.facts td{padding:6px 0;font-weight:bold;word-break:break-word}
.card .basis{font-size:15px;color:#57606a;margin:4px 0}
.notice{border-radius:10px;padding:12px 14px;margin:12px 0;font-size:18px}
button,.btn{display:block;width:100%;padding:16px;font-size:22px;font-weight:bold;border:0;border-radius:10px;background:#b42318;color:#fff;cursor:pointer;text-align:center;text-decoration:none}
button.secondary{background:#0969da;font-size:19px;padding:12px}
label{display:block;font-size:16px;color:#57606a;margin:8px 0 4px}
input[type=datetime-local]{width:100%;font-size:18px;padding:10px;border:1px solid #8c959f;border-radius:8px;margin-bottom:8px}
.done{color:#1a7f37;font-weight:bold}
ul{padding-left:22px;margin:6px 0}
`;

/** A whole page: no external assets (enterprise phones may be on poor networks), and the token in the URL must not leak via Referer or search engines. */
export function pageDocument(title: string, body: SafeHtml): string {
  return String(html`<!DOCTYPE html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex, nofollow">
<meta name="format-detection" content="telephone=no">
<title>${title}</title>
<style>${raw(CSS)}</style>
</head>
<body>
<main>
${body}
</main>
</body>
</html>
`);
}
