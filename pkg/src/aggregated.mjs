// The aggregated client `EC2`, as @smithy/core's createAggregatedClient builds it: one method per
// command (CreateSnapshotCommand → createSnapshot), then the paginators and waiters as methods.
import * as commands from "./commands.generated.mjs";
import { paginateDescribeSnapshots } from "./paginate.mjs";
import { waitUntilSnapshotCompleted } from "./wait-snapshot.mjs";

const PAGINATORS = { paginateDescribeSnapshots };
const WAITERS = { waitUntilSnapshotCompleted };

/** `Base` extended with the methods; adding an operation to commands.generated.mjs adds its method. */
export function aggregate(Base) {
  class EC2 extends Base {}
  const proto = EC2.prototype;
  for (const [name, CommandCtor] of Object.entries(commands)) {
    if (!name.endsWith("Command")) continue;
    // Promise form, callback form (errors to the callback), or options then callback.
    proto[(name[0].toLowerCase() + name.slice(1)).replace(/Command$/, "")] = async function (args, optionsOrCb, cb) {
      const command = new CommandCtor(args);
      if (typeof optionsOrCb === "function") {
        this.send(command, optionsOrCb);
      } else if (typeof cb === "function") {
        if (typeof optionsOrCb !== "object") throw new Error(`Expected http options but got ${typeof optionsOrCb}`);
        this.send(command, optionsOrCb || {}, cb);
      } else {
        return this.send(command, optionsOrCb);
      }
    };
  }
  for (const [name, paginate] of Object.entries(PAGINATORS)) {
    if (proto[name] !== undefined) continue;
    proto[name] = function (commandInput = {}, paginationConfiguration, ...rest) {
      return paginate({ ...paginationConfiguration, client: this }, commandInput, ...rest);
    };
  }
  for (const [name, wait] of Object.entries(WAITERS)) {
    if (proto[name] !== undefined) continue;
    // A number is the maxWaitTime in seconds.
    proto[name] = async function (commandInput = {}, waiterConfiguration, ...rest) {
      const config = typeof waiterConfiguration === "number" ? { maxWaitTime: waiterConfiguration } : waiterConfiguration;
      return wait({ ...config, client: this }, commandInput, ...rest);
    };
  }
  return EC2;
}
