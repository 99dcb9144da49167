import type { ClusterInfo } from '@/lib/contracts/dashboard';
import { formatBytes, formatCount } from '@/lib/shared/format';

/** Every node of a Redis Cluster: role, slot ranges, keys, memory, ops/s; the figures above are the masters' sums. */
export function ClusterNodes({ cluster }: { cluster: ClusterInfo }) {
  return (
    <div className="mt-5" data-testid="cluster-nodes">
      <h3 className="text-sm font-semibold tracking-wide text-slate-600 uppercase">
        Cluster nodes · state <span className={cluster.state === 'ok' ? 'text-emerald-700' : 'text-rose-700'}>{cluster.state}</span>
      </h3>
      <div className="mt-2 overflow-x-auto">
        <table className="w-full text-right text-sm tabular-nums">
          <thead>
            <tr className="border-b border-slate-200 text-xs font-semibold text-slate-600 uppercase">
              <th scope="col" className="py-1.5 text-left">Node</th>
              <th scope="col" className="px-1 py-1.5 text-left">Role</th>
              <th scope="col" className="px-1 py-1.5 text-left">Slots</th>
              <th scope="col" className="px-1 py-1.5">Keys</th>
              <th scope="col" className="px-1 py-1.5">Memory</th>
              <th scope="col" className="py-1.5 pl-1">Ops/s</th>
            </tr>
          </thead>
          <tbody>
            {cluster.nodes.map((node) => (
              <tr key={node.address} className="border-b border-slate-100">
                <th scope="row" className="py-1.5 text-left font-mono text-[11px] font-medium break-all text-slate-700">{node.address}</th>
                <td className={`px-1 py-1.5 text-left ${node.reachable ? '' : 'text-rose-700'}`}>{node.reachable ? node.role : 'not answering'}</td>
                <td className="px-1 py-1.5 text-left font-mono text-[11px]">{node.slots.length > 0 ? node.slots.join(', ') : '—'}</td>
                <td className="px-1 py-1.5">{node.keys === null ? '—' : formatCount(node.keys)}</td>
                <td className="px-1 py-1.5">{node.usedMemoryBytes === null ? '—' : formatBytes(node.usedMemoryBytes)}</td>
                <td className="py-1.5 pl-1">{node.opsPerSecond === null ? '—' : `${formatCount(node.opsPerSecond)}/s`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
