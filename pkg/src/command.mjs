// The command base class: an operation's input, its own middleware stack, and the endpoint
// parameters every EC2 operation has. Each command class (commands.generated.mjs) only names its
// operation; the core does the rest from the operation's shapes.
import { namedError } from "./errors.mjs";
import { MiddlewareStack } from "./middleware.mjs";

export class Command {
  static name = "Command";
  constructor(...[input]) {
    // As the SDK's Command: no input (or null) is an empty one.
    Object.defineProperty(this, "input", { value: input ?? {}, enumerable: true }); // read-only: the default
    this.middlewareStack = new MiddlewareStack();
  }
  static getEndpointParameterInstructions() {
    return {
      UseFIPS: { type: "builtInParams", name: "useFipsEndpoint" },
      Endpoint: { type: "builtInParams", name: "endpoint" },
      Region: { type: "builtInParams", name: "region" },
      UseDualStack: { type: "builtInParams", name: "useDualstackEndpoint" },
    };
  }
  resolveMiddleware() {
    throw namedError("Error", "ec2-wasm resolves middleware inside EC2Client.send");
  }
}

/** The operation a command calls (`CreateSnapshot`), or undefined for anything that is not a command. */
export function operationOf(command) {
  return command instanceof Command ? command.constructor.operation : undefined;
}
