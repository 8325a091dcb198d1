// The aggregated client `EC2`, as @smithy/core's createAggregatedClient builds it: one method per
// command (CreateSnapshotCommand → createSnapshot), then the paginators and waiters as methods. Written
// out as a class (no call at load time) so that an app's bundler drops it, and what only it uses, when the
// app does not import it; tests/js/names.test.mjs checks that it has a method for every generated command,
// paginator and waiter.
import { EC2Client } from "./client.mjs";
import { CreateSnapshotCommand, DescribeSnapshotsCommand } from "./commands.generated.mjs";
import { paginateDescribeSnapshots } from "./paginate.mjs";
import { waitUntilSnapshotCompleted } from "./wait-snapshot.mjs";

/** Promise form, callback form (errors to the callback), or options then callback. */
function send(client, command, optionsOrCb, cb) {
  if (typeof optionsOrCb === "function") {
    client.send(command, optionsOrCb);
  } else if (typeof cb === "function") {
    if (typeof optionsOrCb !== "object") throw new Error(`Expected http options but got ${typeof optionsOrCb}`);
    client.send(command, optionsOrCb || {}, cb);
  } else {
    return client.send(command, optionsOrCb);
  }
}

/** The aggregated client: EC2Client with a method per command, paginator and waiter. */
export class EC2 extends EC2Client {
  static name = "EC2";
  async createSnapshot(args, optionsOrCb, cb) {
    return send(this, new CreateSnapshotCommand(args), optionsOrCb, cb);
  }
  async describeSnapshots(args, optionsOrCb, cb) {
    return send(this, new DescribeSnapshotsCommand(args), optionsOrCb, cb);
  }
  paginateDescribeSnapshots(commandInput = {}, paginationConfiguration, ...rest) {
    return paginateDescribeSnapshots({ ...paginationConfiguration, client: this }, commandInput, ...rest);
  }
  /** A number is the maxWaitTime in seconds. */
  async waitUntilSnapshotCompleted(commandInput = {}, waiterConfiguration, ...rest) {
    const config = typeof waiterConfiguration === "number" ? { maxWaitTime: waiterConfiguration } : waiterConfiguration;
    return waitUntilSnapshotCompleted({ ...config, client: this }, commandInput, ...rest);
  }
}
