import { describe, expect, it } from 'vitest';
import { illStatusReply } from './ill-status-reply.js';
import { translator } from './messages.js';

const requests = {
  count: 2,
  items: [
    { transactionNumber: '482053', requestType: 'Loan' as const, status: 'Checked Out to Customer', updatedAt: '2026-02-27T10:00:00Z' },
    { transactionNumber: '482151', requestType: 'Article' as const, status: 'Delivered to Web', title: 'On Libraries' },
  ],
};

describe('illStatusReply', () => {
  it.each([
    ['en', ['Here is where your interlibrary loan requests stand:', '• Request 482053 (book or other loan): Checked Out to Customer (updated Feb 27, 2026)', '• Request 482151 (article): Delivered to Web — On Libraries']],
    ['es', ['Este es el estado de sus solicitudes de préstamo interbibliotecario:', '• Solicitud 482053 (libro u otro préstamo): Checked Out to Customer (actualizada el 27 feb 2026)', '• Solicitud 482151 (artículo): Delivered to Web — On Libraries']],
    ['fr', ['Voici où en sont vos demandes de prêt entre bibliothèques :', '• Demande 482053 (livre ou autre prêt) : Checked Out to Customer (mise à jour le 27 févr. 2026)', '• Demande 482151 (article) : Delivered to Web — On Libraries']],
  ] as const)('writes one line per request in %s', (locale, lines) => {
    expect(illStatusReply(requests, translator(locale))?.split('\n')).toEqual(lines);
  });

  it('has nothing to say when there are no requests or the policy hid them', () => {
    expect(illStatusReply({ count: 0, items: [] }, translator('en'))).toBeNull();
    expect(illStatusReply(undefined, translator('en'))).toBeNull();
  });
});
