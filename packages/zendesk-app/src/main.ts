// The sidebar's entry: Zendesk's SDK (or the local harness) has defined ZAFClient by now.
import { startSidebar } from './sidebar.js';

const client = globalThis.ZAFClient?.init();
const root = document.getElementById('liaison');
if (client && root) startSidebar(client, root);
