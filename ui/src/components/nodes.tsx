//! The canvas's node and edge components: one memoized component per node kind, all drawn on the
//! same card so handles sit where `geometry.ts` says: the input on the top edge, the output ports
//! along the bottom edge, each with its label (a case's or a path's label, an event, else the port
//! name). Zoomed out (below `DETAIL_ZOOM`), a card shows only its icon and label, in type scaled by
//! the inverse of the zoom (`--wm-zoom`, set by `ZoomScale`) so that it stays readable on screen;
//! same size, same handles. In compare mode a card and an edge carry the diff's mark
//! (`data.mark`): a coloured outline and a badge saying what changed; removed steps are ghosts and
//! lost connections are dashed.

import { BaseEdge, EdgeLabelRenderer, getBezierPath, Handle, Position, useStore, useStoreApi, useUpdateNodeInternals, type EdgeProps, type EdgeTypes, type NodeProps, type NodeTypes, type ReactFlowState } from '@xyflow/react';
import { memo, useCallback, useEffect, useMemo, useRef, type ReactNode } from 'react';
import type { Channel, Node } from '../bindings';
import type { EdgeMark, FlowEdge, FlowNode, NodeMark } from '../flow';
import { nodeHeight, nodeWidth, portX, ROW_HEIGHT } from '../geometry';
import { hasInput, portTitle } from '../kinds';
import { goesBackUp, loopRoute } from '../loopRoute';
import { fmtNumber, nodeSummary, nodeTitle } from '../model';
import { fmtCount } from '../simulation';
import { useSimulationStore } from '../simulationStore';
import { CHANNEL_ICON, Icon, KIND_ICON, type IconName } from './icons';

/** Below this zoom a card's detail (summary, port labels) is too small to read: it shows its label only. */
export const DETAIL_ZOOM = 0.75;

const zoomedOut = (s: ReactFlowState) => s.transform[2] < DETAIL_ZOOM;

/**
 * Keeps `--wm-zoom` on the canvas equal to the zoom, without re-rendering any node: the CSS of a
 * card's label divides its type size by it.
 */
export function ZoomScale() {
  const store = useStoreApi();
  useEffect(() => {
    let last = -1;
    const apply = (s: ReactFlowState) => {
      const zoom = s.transform[2];
      if (zoom === last || !s.domNode) return;
      last = zoom;
      s.domNode.style.setProperty('--wm-zoom', String(zoom));
    };
    apply(store.getState());
    return store.subscribe(apply);
  }, [store]);
  return null;
}

/** The badge of a compare mark. */
const MARK_BADGE: Record<NodeMark, string> = { added: 'Added', changed: 'Changed', retyped: 'Retyped', removed: 'Removed', moved: 'Moved' };

type CardProps = NodeProps<FlowNode> & {
  icon: IconName;
  /** What a port's slot says (a case's label, a path's weight); the port name when absent. */
  portLabel?: (port: string, index: number) => ReactNode;
  /** What the bottom row of a node with one unlabelled port, or none, says. */
  footer?: ReactNode;
  variant?: string;
};

function NodeCard({ id, data, selected, icon, portLabel, footer, variant }: CardProps) {
  const simple = useStore(zoomedOut);
  const { node, ports, errors, warnings, mark } = data;
  const title = nodeTitle(node);
  usePortsMeasured(id, ports);
  const classes = ['wm-node', `wm-kind-${node.kind}`];
  if (variant) classes.push(variant);
  if (mark) classes.push('has-diff', `is-diff-${mark}`);
  if (selected) classes.push('is-selected');
  if (simple) classes.push('is-simple');
  if (errors > 0) classes.push('has-errors');
  else if (warnings > 0) classes.push('has-warnings');
  const width = nodeWidth(ports.length);
  // A single `next` port needs no words: the row holds the node's notes instead.
  const labelled = ports.length > 1 || (ports.length === 1 && ports[0] !== 'next');
  return (
    <div className={classes.join(' ')} data-testid={`node-${id}`} style={{ width, height: nodeHeight(ports.length) }} title={simple ? title : undefined}>
      {hasInput(node.kind) ? (
        <Handle type="target" position={Position.Top} className="wm-handle wm-handle--target" style={{ left: width / 2 }} data-testid={`target-${id}`} />
      ) : null}
      {simple ? (
        <div className="wm-node__simple">
          <span className="wm-node__icon">
            <Icon name={icon} size={16} />
          </span>
          <span className="wm-node__label" data-testid={`node-label-${id}`}>
            {title}
          </span>
        </div>
      ) : (
        <>
          <div className="wm-node__head">
            <span className="wm-node__icon">
              <Icon name={icon} size={16} />
            </span>
            <div className="wm-node__titles">
              <div className="wm-node__label" data-testid={`node-label-${id}`} title={title}>
                {title}
              </div>
              <div className="wm-node__summary">{nodeSummary(node)}</div>
            </div>
          </div>
          <div className="wm-node__rows" style={{ height: ROW_HEIGHT }}>
            {labelled ? (
              ports.map((port, i) => {
                const text = portLabel?.(port, i) ?? port;
                return (
                  <div className="wm-node__port" key={`${i}:${port}`} style={{ width: width / ports.length }} data-testid={`port-label-${id}-${port}`} title={typeof text === 'string' ? text : port}>
                    {text}
                  </div>
                );
              })
            ) : (
              <div className="wm-node__note">{footer}</div>
            )}
          </div>
          {errors + warnings > 0 ? (
            <span className={`wm-badge ${errors > 0 ? 'wm-badge--error' : 'wm-badge--warning'}`} title={problemTitle(errors, warnings)}>
              <Icon name={errors > 0 ? 'error' : 'warning'} size={11} />
              {errors + warnings}
            </span>
          ) : null}
        </>
      )}
      {mark ? null : <SimCount id={id} />}
      {mark ? (
        <span className={`wm-diff-badge is-${mark}`} data-testid={`diff-badge-${id}`}>
          {MARK_BADGE[mark]}
        </span>
      ) : null}
      {ports.map((port, i) => (
        <Handle
          key={`${i}:${port}`}
          type="source"
          position={Position.Bottom}
          id={port}
          className="wm-handle wm-handle--source"
          style={{ left: portX(i, ports.length) }}
          data-testid={`handle-${id}-${port}`}
          title={`Drag from “${port}” to connect`}
        />
      ))}
    </div>
  );
}

/**
 * The simulated customers at a node (and the messages suppressed there), while the simulation
 * panel is open. It subscribes to its own node's badge only: a new report redraws the badges
 * whose figures changed, never the node cards.
 */
const SimCount = memo(function SimCount({ id }: { id: string }) {
  const badge = useSimulationStore((s) => (s.open ? s.badges.get(id) : undefined));
  if (!badge) return null;
  return (
    <span className={`wm-simcount${badge.entered === 0 ? ' is-zero' : ''}`} title={badge.title} data-testid={`sim-count-${id}`}>
      <span className="wm-simcount__in">
        <Icon name="users" size={11} />
        {badge.text}
      </span>
      {badge.suppressedText ? <span className="wm-simcount__sup">{badge.suppressedText} suppressed</span> : null}
    </span>
  );
});

/**
 * React Flow measures handles when a node's size changes; a port renamed in place keeps the size,
 * so tell it explicitly, or edges from the renamed port would have no handle to start from.
 */
function usePortsMeasured(id: string, ports: readonly string[]) {
  const updateNodeInternals = useUpdateNodeInternals();
  const key = ports.join('\u0000');
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    updateNodeInternals(id);
  }, [id, key, updateNodeInternals]);
}

function problemTitle(errors: number, warnings: number): string {
  const parts = [];
  if (errors) parts.push(`${errors} error${errors === 1 ? '' : 's'}`);
  if (warnings) parts.push(`${warnings} warning${warnings === 1 ? '' : 's'}`);
  return parts.join(', ');
}

function stageNote(node: Node): ReactNode {
  return node.stage ? <span className="wm-stage">{node.stage}</span> : null;
}

type P = NodeProps<FlowNode>;

const EntryNode = memo((p: P) => <NodeCard {...p} icon="play" footer={stageNote(p.data.node)} />);
EntryNode.displayName = 'EntryNode';

const WaitNode = memo((p: P) => <NodeCard {...p} icon="clock" footer={stageNote(p.data.node)} />);
WaitNode.displayName = 'WaitNode';

const WaitForEventNode = memo((p: P) => {
  const node = p.data.node;
  const portLabel = (port: string) => {
    if (node.kind !== 'wait_for_event') return null;
    if (port === 'timeout' && !node.timeout) return <span className="wm-warn-text">no timeout</span>;
    return portTitle(node, port);
  };
  return <NodeCard {...p} icon="bolt" portLabel={portLabel} />;
});
WaitForEventNode.displayName = 'WaitForEventNode';

const BranchNode = memo((p: P) => {
  const node = p.data.node;
  const portLabel = (port: string) => portTitle(node, port);
  return <NodeCard {...p} icon="branch" portLabel={portLabel} />;
});
BranchNode.displayName = 'BranchNode';

const SplitNode = memo((p: P) => {
  const node = p.data.node;
  const portLabel = (port: string, i: number) => {
    if (node.kind !== 'split') return null;
    const path = node.paths[i];
    if (!path) return null;
    return (
      <>
        <span className="wm-weight">{fmtNumber(path.weight)}%</span> {port}
        {path.holdout ? <span className="wm-holdout">holdout</span> : null}
      </>
    );
  };
  return <NodeCard {...p} icon="split" portLabel={portLabel} />;
});
SplitNode.displayName = 'SplitNode';

const ParallelNode = memo((p: P) => {
  const node = p.data.node;
  const portLabel = (port: string) => portTitle(node, port);
  return <NodeCard {...p} icon="parallel" portLabel={portLabel} />;
});
ParallelNode.displayName = 'ParallelNode';

const MessageNode = memo((p: P) => {
  const node = p.data.node;
  const channel: Channel | null = node.kind === 'message' ? (node.channel ?? null) : null;
  const category = node.kind === 'message' ? node.category : undefined;
  const footer = (
    <>
      {category === 'transactional' ? <span className="wm-tag">transactional</span> : null}
      {stageNote(node)}
    </>
  );
  return <NodeCard {...p} icon={channel ? CHANNEL_ICON[channel] : 'send'} footer={footer} variant={channel ? `wm-channel-${channel}` : undefined} />;
});
MessageNode.displayName = 'MessageNode';

const UpdateNode = memo((p: P) => <NodeCard {...p} icon="user" footer={stageNote(p.data.node)} />);
UpdateNode.displayName = 'UpdateNode';

const ExitNode = memo((p: P) => {
  return <NodeCard {...p} icon={KIND_ICON.exit} footer={stageNote(p.data.node) ?? 'customers leave here'} />;
});
ExitNode.displayName = 'ExitNode';

/** One component per kind; a module constant so React Flow never sees a new object. */
export const nodeTypes = {
  entry: EntryNode,
  wait: WaitNode,
  wait_for_event: WaitForEventNode,
  branch: BranchNode,
  split: SplitNode,
  parallel: ParallelNode,
  message: MessageNode,
  update: UpdateNode,
  exit: ExitNode,
} satisfies NodeTypes;

/** The word on a compare-marked connection, and what it means. */
const EDGE_MARK_WORD: Record<EdgeMark, string> = { added: 'new', rewired: 'now', removed: 'was' };
const EDGE_MARK_TITLE: Record<EdgeMark, string> = {
  added: 'A new connection',
  rewired: 'This port now leads here',
  removed: 'This connection is gone in the newer version',
};

/** An edge drawn as a curve, with its port name as a label when its node has several ports. */
const PortEdge = memo(function PortEdge({ id, source, target, data, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, label, selected, markerEnd, style }: EdgeProps<FlowEdge>) {
  // An arrow back up the journey (a loop) runs beside the cards in its way; the others curve.
  const loop = goesBackUp(sourceY, targetY);
  const cards = useStore(useCallback((s: ReactFlowState) => (loop ? s.nodes : null), [loop]));
  const [path, labelX, labelY] = useMemo(() => {
    if (!cards) return getBezierPath({ sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition });
    const boxes = cards.map((n) => ({ x: n.position.x, y: n.position.y, width: n.measured?.width ?? n.width ?? 0, height: n.measured?.height ?? n.height ?? 0 }));
    const route = loopRoute(sourceX, sourceY, targetX, targetY, boxes);
    return [route.path, route.labelX, route.labelY] as const;
  }, [cards, sourceX, sourceY, sourcePosition, targetX, targetY, targetPosition]);
  const simple = useStore(zoomedOut);
  const mark = data?.mark;
  const traffic = useSimulationStore((s) => (s.open && !mark ? s.traffic.get(id) : undefined));
  const stroke = traffic ? { ...style, strokeWidth: traffic.width } : style;
  // Zoomed out, a marked connection is drawn thicker so the overview still shows it.
  const classes = [selected ? 'is-selected' : '', traffic ? 'has-traffic' : '', mark ? `is-diff-${mark}` : '', mark && simple ? 'is-far' : ''].filter(Boolean).join(' ');
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} style={stroke} className={classes || undefined} interactionWidth={24} />
      {(label || traffic || mark) && !simple ? (
        <EdgeLabelRenderer>
          <div
            className={`wm-edge-label${selected ? ' is-selected' : ''}${mark ? ` is-diff-${mark}` : ''}`}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            title={traffic ? `${fmtCount(traffic.customers)} customers` : mark ? EDGE_MARK_TITLE[mark] : undefined}
            data-testid={mark ? `diff-edge-${mark}-${source}-${data?.port ?? ''}-${target}` : undefined}
          >
            {mark ? <span className="wm-edge-label__mark">{EDGE_MARK_WORD[mark]}</span> : null}
            {label}
            {traffic ? (
              <span className={`wm-edge-label__count${traffic.customers === 0 ? ' is-zero' : ''}`} data-testid={`sim-edge-${source}-${data?.port ?? ''}-${target}`}>
                {traffic.text}
              </span>
            ) : null}
          </div>
        </EdgeLabelRenderer>
      ) : null}
      {simple && data?.title && !mark && !traffic ? (
        <EdgeLabelRenderer>
          <div className="wm-edge-caption" style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }} title={data.title} data-testid={`edge-caption-${source}-${data.port}`}>
            {data.title}
          </div>
        </EdgeLabelRenderer>
      ) : null}
    </>
  );
});

export const edgeTypes = { port: PortEdge } satisfies EdgeTypes;
