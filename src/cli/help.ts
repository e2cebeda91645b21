/** Help texts of every command, kept apart so `--help` and dispatch load no command code. */

export const RUN_HELP = `Usage: subtensor-ts [run] [options]

Start a Subtensor node.

Chain:
  --dev                     Development chain: --chain dev --alice --tmp (unless --base-path) --rpc-cors all
  --chain <id|path>         Chain spec: dev, local, or a JSON file (default: dev with --dev, else local)
  --base-path <dir>         Where the database and keystore live
  --tmp                     Use a fresh temporary base path, removed on exit
  --state-pruning <n|archive>  Blocks of state kept behind finality (default 256)

Authoring:
  --validator               Author blocks with the keys in the keystore
  --alice --bob --charlie --dave --eve --ferdie --one --two --three
                            Use that well-known dev identity's session keys (implies authoring)
  --sealing <mode>          aura (default), instant, manual, interval=<ms>
  --pool-limit <n>          Maximum ready transactions in the pool (default 8192)

RPC:
  --rpc-port <port>         JSON-RPC HTTP+WebSocket port (default 9944)
  --rpc-external            Listen on all interfaces instead of 127.0.0.1
  --rpc-cors <all|origins>  Allowed browser origins, comma-separated (default: localhost origins; all with --dev)
  --rpc-methods <mode>      safe, unsafe or auto (default auto: unsafe methods only on loopback)
  --rpc-max-connections <n> Maximum RPC connections (default 100)
  --no-rpc                  Do not start the RPC server

Network:
  --port <port>             p2p port (default 30333; networking arrives with the network issue)
  --name <name>             Node name shown to peers and in system_name

Other:
  --log <level>             trace, debug, info (default), warn, error
  -h, --help                Show this help
`;

export const BUILD_SPEC_HELP = `Usage: subtensor-ts build-spec [--chain dev|local|<path>] [--raw]

Print the chain spec as JSON. --raw replaces the genesis patch with the genesis storage.
`;

export const PURGE_HELP = `Usage: subtensor-ts purge-chain --base-path <dir> [--chain dev|local|<path>] [-y]

Delete the chain database under <dir>/chains/<chain id>/db. The keystore is kept.
`;

export const KEY_HELP = `Usage:
  subtensor-ts key generate [--scheme sr25519|ed25519] [--words 12|24] [--output-type text|json]
  subtensor-ts key inspect <suri|ss58> [--scheme sr25519|ed25519] [--output-type text|json]
  subtensor-ts key insert --suri <suri> --key-type aura|gran [--scheme …] --base-path <dir> [--chain dev|local|<path>]
`;

export const EPOCH_HELP = `Usage: subtensor-ts epoch --input <file.json | -> [--pretty] [--debug]

Simulate one Yuma Consensus epoch (Yuma3, the sparse on-chain variant of subtensor 14bc6f9):
read stakes, weights, bonds, last updates, registration blocks and hyperparameters as JSON,
print every output (incentive, dividends, consensus, emission split, new bonds, permits) as JSON.
  --input <path>  the EpochInput JSON file ("-" reads standard input); format: README.md
  --pretty        indent the output
  --debug         add the fixed-point intermediates (exact decimals)
`;

