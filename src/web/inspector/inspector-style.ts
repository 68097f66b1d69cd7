import { BASE_CSS } from '../pages/page-base-style.js';

/**
 * The inspector page's stylesheet: the palette and sizes of the acknowledgement pages
 * (src/web/pages/page-layout.ts), plus forms, task list and verdicts. No style attributes
 * anywhere: the page's CSP allows this one stylesheet by its hash and nothing else.
 */
export const INSPECTOR_CSS = `${BASE_CSS}
[hidden]{display:none!important}
body{margin:0;background:#f6f7f9;color:#1f2328;font-family:-apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;font-size:18px;line-height:1.6;-webkit-text-size-adjust:100%}
h1{font-size:24px;margin:4px 0}
h3{font-size:17px;margin:12px 0 4px;color:#57606a}
.bar{display:flex;align-items:center;justify-content:space-between;gap:8px;font-size:15px;color:#57606a;margin:4px 0 8px}
.bar .who{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}
.facts th{text-align:left;color:#57606a;font-weight:normal;padding:4px 8px 4px 0;white-space:nowrap;vertical-align:top;width:7em}
.facts td{padding:4px 0;font-weight:bold;word-break:break-word}
.card.limit .req{color:#c4320a}
.basis{font-size:15px;color:#57606a;margin:4px 0}
.muted{color:#57606a}
.notice{border-radius:10px;padding:12px 14px;margin:12px 0;font-size:17px}
.notice div{font-size:15px}
.net{position:sticky;top:0;z-index:2;margin:0 0 8px}
button{display:block;width:100%;padding:14px;font-size:20px;font-weight:bold;border:0;border-radius:10px;background:#b42318;color:#fff;cursor:pointer;text-align:center;font-family:inherit}
button:disabled{opacity:.6;cursor:default}
button.secondary{background:#0969da;font-size:17px;padding:10px}
button.plain{display:inline-block;width:auto;background:none;color:#0969da;font-size:15px;font-weight:normal;padding:4px 0}
label{display:block;font-size:16px;color:#57606a;margin:10px 0 4px}
input[type=text],input[type=password],input[type=number],input[type=datetime-local],textarea{display:block;width:100%;font-size:18px;padding:10px;border:1px solid #8c959f;border-radius:8px;background:#fff;color:#1f2328;font-family:inherit}
input[type=file]{display:block;width:100%;font-size:16px;padding:8px 0}
textarea{resize:vertical}
fieldset{border:0;padding:0;margin:10px 0 0}
legend{font-size:16px;color:#57606a;padding:0;margin-bottom:4px}
.choices{display:grid;grid-template-columns:1fr 1fr;gap:8px}
.choice{display:flex;align-items:center;gap:8px;margin:0;padding:12px 10px;border:2px solid #d0d7de;border-radius:10px;background:#fff;color:#1f2328;font-size:18px;font-weight:bold}
.choice input{width:22px;height:22px;margin:0;flex:none}
.choice:has(input:checked){border-color:#0969da;background:#ddf4ff}
.finding{border-top:1px dashed #d0d7de;margin-top:12px;padding-top:4px}
.finding .submit{margin-top:16px}
.geo{display:flex;align-items:center;gap:10px;flex-wrap:wrap}
.geo button.secondary{width:auto;display:inline-block}
.geo .where{font-size:15px;color:#57606a}
.thumbs{display:flex;gap:6px;flex-wrap:wrap;margin-top:6px}
.thumbs img{width:64px;height:64px;object-fit:cover;border-radius:6px;border:1px solid #d0d7de}
.tasks{list-style:none;padding:0;margin:0}
.tasks a{display:block;background:#fff;border:1px solid #d0d7de;border-radius:10px;padding:12px 14px;margin:10px 0;color:#1f2328;text-decoration:none}
.tasks a.done{opacity:.75}
.tasks .tname{display:block;font-size:19px;font-weight:bold;margin-top:4px}
.tasks .tmeta{display:block;font-size:15px;color:#57606a;word-break:break-word}
.badge{display:inline-block;font-size:14px;font-weight:bold;border-radius:6px;padding:1px 8px;margin-right:6px;background:#eaeef2;color:#1f2328}
.badge.kind-random{background:#ddf4ff;color:#0550ae}
.badge.kind-targeted{background:#fff4e5;color:#953800}
.badge.kind-power{background:#ffebe9;color:#a40e26}
.badge.violation{background:#cf222e;color:#fff}
.badge.compliant{background:#1a7f37;color:#fff}
.findings{list-style:none;padding:0;margin:4px 0}
.findings li{font-size:15px;padding:6px 0;border-bottom:1px solid #eaeef2;word-break:break-word}
.verdict{border-radius:10px;padding:12px 14px;margin:12px 0;text-align:center}
.verdict .word{font-size:40px;font-weight:bold;margin:0;line-height:1.2}
.verdict .penalty{font-size:28px;font-weight:bold;margin:4px 0}
.verdict .why{font-size:15px;margin:4px 0;text-align:left}
.verdict.violation{background:#ffebe9;border:3px solid #cf222e;color:#a40e26}
.verdict.compliant{background:#dafbe1;border:3px solid #1a7f37;color:#116329}
a.back{display:inline-block;font-size:17px;color:#0969da;text-decoration:none;padding:6px 0}
`;
