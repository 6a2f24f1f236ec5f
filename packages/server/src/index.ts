// The public face of @liaison/server: the program entry and the command interface.
export { main } from './cli.js';
export type { Command, CommandIO } from './command.js';
