/** In-process nodes for integration tests: real LevelDB in a temp dir, no RPC unless asked. */
import pino from 'pino';
import { Node } from '../../src/node/node.ts';
import { embeddedNodeOptions, type NodeOptions } from '../../src/node/options.ts';

export function startInProcess(extra: Partial<NodeOptions> = {}): Promise<Node> {
  return Node.start(embeddedNodeOptions(extra), pino({ level: 'silent' }));
}
