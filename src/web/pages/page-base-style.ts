/**
 * The rules of the server-rendered pages (cards, boxes, notices, layout; today the daily
 * report): they add their own after these. The phone pages have theirs in src/web/phone/common/phone.css. Plain CSS text, so a page can hash it for its CSP.
 */
export const BASE_CSS = `
*{box-sizing:border-box}
main{max-width:720px;margin:0 auto;padding:12px}
h2{font-size:20px;margin:20px 0 8px}
.org{color:#57606a;font-size:15px;margin:0}
.box{background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:12px 14px;margin:12px 0}
.facts{width:100%;border-collapse:collapse}
.card{background:#fff;border:1px solid #d0d7de;border-left:6px solid #8c959f;border-radius:10px;padding:12px 14px;margin:12px 0}
.card.stop{border-left-color:#b42318}
.card.limit{border-left-color:#c4320a}
.card.run{border-left-color:#1a7f37}
.card .name{font-size:19px;font-weight:bold;margin:0}
.card .req{font-size:22px;font-weight:bold;margin:4px 0;color:#b42318}
.card.run .req{color:#1a7f37}
.notice.warn{background:#fff4e5;border:2px solid #f0b429}
.notice.error{background:#ffebe9;border:2px solid #cf222e}
.notice.ok{background:#dafbe1;border:2px solid #1a7f37}
.notice.info{background:#ddf4ff;border:2px solid #0969da}
footer{color:#57606a;font-size:14px;margin:24px 0 12px}
`;
