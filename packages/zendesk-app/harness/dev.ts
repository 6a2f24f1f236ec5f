// `npm run dev -w packages/zendesk-app`: the harness against a hub you run yourself
// (`npm start` serves one on http://127.0.0.1:3000; start it with LIAISON_ZENDESK_SECRET set).
import { startHarness } from './index.js';

const hubUrl = process.env['LIAISON_HUB_URL'] ?? 'http://127.0.0.1:3000';
const sharedSecret = process.env['LIAISON_ZENDESK_SECRET'];
if (!sharedSecret) {
  console.error('Set LIAISON_ZENDESK_SECRET to the same value the hub was started with.');
  process.exit(1);
}
const harness = await startHarness({
  hubUrl,
  sharedSecret,
  port: Number(process.env['PORT'] ?? 3100),
  ...(process.env['ZENDESK_LOCALE'] && { locale: process.env['ZENDESK_LOCALE'] }),
});
console.log(`Liaison sidebar harness: ${harness.url} (hub ${hubUrl}). Ctrl-C stops it.`);
