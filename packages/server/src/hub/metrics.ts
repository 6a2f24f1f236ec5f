import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/**
 * The hub's Prometheus metrics. One registry per hub (not prom-client's global one), so that
 * several hubs can live in one test process without sharing counters.
 */
export interface HubMetrics {
  registry: Registry;
  requests: Counter<'method' | 'route' | 'status'>;
  latency: Histogram<'method' | 'route'>;
  handoffsByState: Gauge<'state'>;
  remindersSent: Counter<'notify'>;
  connectorErrors: Counter<'system' | 'code'>;
}

/** Creates the registry; `countHandoffs` is read at scrape time so every hub reports the shared store. */
export function createMetrics(countHandoffs: () => Promise<Record<string, number>>): HubMetrics {
  const registry = new Registry();
  const requests = new Counter({
    name: 'liaison_http_requests_total',
    help: 'HTTP requests served, by method, route pattern and status code.',
    labelNames: ['method', 'route', 'status'] as const,
    registers: [registry],
  });
  const latency = new Histogram({
    name: 'liaison_http_request_duration_seconds',
    help: 'HTTP request latency in seconds, by method and route pattern.',
    labelNames: ['method', 'route'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const handoffsByState = new Gauge({
    name: 'liaison_handoffs',
    help: 'Hand-offs in the store, by state.',
    labelNames: ['state'] as const,
    registers: [registry],
    async collect() {
      const counts = await countHandoffs();
      this.reset();
      for (const [state, count] of Object.entries(counts)) this.set({ state }, count);
    },
  });
  const remindersSent = new Counter({
    name: 'liaison_reminders_sent_total',
    help: 'Reminders and escalations sent by this hub, by who was notified.',
    labelNames: ['notify'] as const,
    registers: [registry],
  });
  const connectorErrors = new Counter({
    name: 'liaison_connector_errors_total',
    help: 'Connector calls that failed, by system and error code.',
    labelNames: ['system', 'code'] as const,
    registers: [registry],
  });
  return { registry, requests, latency, handoffsByState, remindersSent, connectorErrors };
}
