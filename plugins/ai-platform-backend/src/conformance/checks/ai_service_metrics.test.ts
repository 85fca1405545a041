import { aiServiceMetricsCheck } from './ai_service_metrics';
import {
  cluster,
  crd,
  expectWellFormed,
  forbid,
  run,
  service,
  workload,
} from '../__testUtils__/snapshots';

function prometheusOperator(running = true) {
  const s = cluster(35);
  for (const [plural, kind] of [
    ['servicemonitors', 'ServiceMonitor'],
    ['podmonitors', 'PodMonitor'],
    ['prometheuses', 'Prometheus'],
  ]) {
    crd(s, plural, 'monitoring.coreos.com', kind);
  }
  workload(s, 'Deployment', 'monitoring', 'prometheus-operator');
  if (running) {
    s.observability.prometheuses.push({
      namespace: 'monitoring',
      name: 'k8s',
      ready: true,
    });
    service(
      s,
      'monitoring',
      'prometheus-operated',
      { 'app.kubernetes.io/name': 'prometheus' },
      [9090],
    );
  }
  s.observability.monitors.push({
    group: 'monitoring.coreos.com',
    kind: 'ServiceMonitor',
    namespace: 'llm-serving',
    name: 'vllm',
    selector: { 'app.kubernetes.io/part-of': 'vllm' },
  });
  return s;
}

describe('ai_service_metrics', () => {
  it('passes with Prometheus Operator monitors and a running Prometheus', () => {
    const e = run(aiServiceMetricsCheck, prometheusOperator());
    expect(e.verdict).toBe('pass');
    expect(e.reason).toBe(
      'Prometheus Operator monitors are served and Prometheus is running (monitoring/k8s)',
    );
    expect(
      e.evidence.some(
        i =>
          i.summary === 'ServiceMonitor llm-serving/vllm selects model servers',
      ),
    ).toBe(true);
    expectWellFormed(e);
  });

  it('passes with GKE Managed Prometheus', () => {
    const s = crd(
      cluster(35),
      'podmonitorings',
      'monitoring.googleapis.com',
      'PodMonitoring',
    );
    expect(run(aiServiceMetricsCheck, s).verdict).toBe('pass');
  });

  it('is partial when the monitor CRDs exist but no Prometheus runs', () => {
    const e = run(aiServiceMetricsCheck, prometheusOperator(false));
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'Monitor CRDs are installed but no Prometheus is running',
    );
  });

  it('is partial with a plain Prometheus server scraping annotated pods', () => {
    const s = cluster(33);
    workload(s, 'Deployment', 'monitoring', 'prometheus-server', {
      images: ['quay.io/prometheus/prometheus:v3.5.0'],
    });
    const e = run(aiServiceMetricsCheck, s, '1.33');
    expect(e.verdict).toBe('partial');
    expect(e.reason).toBe(
      'A monitoring system runs (monitoring/prometheus-server) but there is no ServiceMonitor/PodMonitor discovery API',
    );
  });

  it('fails without any monitoring stack', () => {
    expect(run(aiServiceMetricsCheck, cluster(34), '1.34').reason).toBe(
      'No monitoring stack: no Prometheus and no monitoring.coreos.com, GKE or Azure monitor API',
    );
  });

  it('is unknown when the CRDs cannot be read', () => {
    expect(
      run(aiServiceMetricsCheck, forbid(prometheusOperator(), 'crds')).verdict,
    ).toBe('unknown');
  });

  it('is unknown when the monitors part cannot be read', () => {
    expect(
      run(aiServiceMetricsCheck, forbid(prometheusOperator(), 'monitors'))
        .verdict,
    ).toBe('unknown');
  });
});
