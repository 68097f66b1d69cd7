import type { RenderedEmail } from '../../../src/web/mail/email-layout.js';
import { renderOrderEmail } from '../../../src/web/mail/order-email.template.js';
import { noticeLink, orderNotice } from '../../support/order-email-fixture.js';

/** A rendered order mail of typical size (four lines, reasons, cap, notes, link), as the worker sends one. */
export function sampleOrderMail(): RenderedEmail {
  return renderOrderEmail(
    orderNotice({
      enterprise: { code: '914108001234567890', name: '焦作坚固水泥有限公司', county: '修武县' },
      orderId: '5d0c4f0e-4a55-4b0e-9a57-0d6f4f3d2c11',
    }),
    noticeLink({ url: 'https://hazeops.example.cn/ack/eyJvIjoiNWQwYzRmMGUiLCJtIjoyfQ.c2lnbmF0dXJlLXNpZ25hdHVyZS1zaWduYXR1cmU' }),
  );
}
