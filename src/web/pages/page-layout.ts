import { escapeHtml } from '../../dispatch/templates/template-format.js';

const CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1f2328;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:18px;line-height:1.6}
main{max-width:720px;margin:0 auto;padding:12px}
h1{font-size:24px;margin:8px 0 4px}
h2{font-size:20px;margin:20px 0 8px}
.org{color:#57606a;font-size:15px;margin:0}
.box{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:12px 14px;margin:12px 0}
.facts{width:100%;border-collapse:collapse}
.facts th{text-align:left;color:#57606a;font-weight:normal;padding:6px 8px 6px 0;white-space:nowrap;vertical-align:top;width:7em}
.facts td{padding:6px 0;font-weight:bold;word-break:break-word}
.card{background:#fff;border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:10px;padding:12px 14px;margin:12px 0}
.card.stop{border-left-color:#b42318}
.card.limit{border-left-color:#c4320a}
.card.run{border-left-color:#1a7f37}
.card .name{font-size:19px;font-weight:bold;margin:0}
.card .req{font-size:22px;font-weight:bold;margin:4px 0;color:#b42318}
.card.run .req{color:#1a7f37}
.card .basis{font-size:15px;color:#57606a;margin:4px 0}
.notice{border-radius:10px;padding:12px 14px;margin:12px 0;font-size:18px}
.notice.warn{background:#fff4e5;border:2px solid #f0b429}
.notice.error{background:#ffebe9;border:2px solid #cf222e}
.notice.ok{background:#dafbe1;border:2px solid #1a7f37}
.notice.info{background:#ddf4ff;border:2px solid #0969da}
button,.btn{display:block;width:100%;padding:16px;font-size:22px;font-weight:bold;border:0;border-radius:10px;background:#b42318;color:#fff;cursor:pointer;text-align:center;text-decoration:none}
button.secondary{background:#0969da;font-size:19px;padding:12px}
label{display:block;font-size:16px;color:#57606a;margin:8px 0 4px}
input[type=datetime-local]{width:100%;font-size:18px;padding:10px;border:1px solid #8c959f;border-radius:8px;margin-bottom:8px}
.done{color:#1a7f37;font-weight:bold}
ul{padding-left:22px;margin:6px 0}
footer{color:#57606a;font-size:14px;margin:24px 0 12px}
`;

/** A whole page: no external assets (enterprise phones may be on poor networks), and the token in the URL must not leak via Referer or search engines. */
export function pageDocument(title: string, bodyHtml: string): string {
  return (
    '<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n' +
    '<meta name="viewport" content="width=device-width, initial-scale=1">\n' +
    '<meta name="referrer" content="no-referrer">\n<meta name="robots" content="noindex, nofollow">\n' +
    '<meta name="format-detection" content="telephone=no">\n' +
    `<title>${escapeHtml(title)}</title>\n<style>${CSS}</style>\n</head>\n<body>\n<main>\n${bodyHtml}\n</main>\n</body>\n</html>\n`
  );
}

export type NoticeTone = 'warn' | 'error' | 'ok' | 'info';

export function notice(tone: NoticeTone, html: string): string {
  return `<div class="notice ${tone}" role="${tone === 'error' ? 'alert' : 'status'}">${html}</div>`;
}

export function factsTable(rows: Array<[string, string]>): string {
  return `<table class="facts">${rows.map(([k, v]) => `<tr><th scope="row">${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('')}</table>`;
}
