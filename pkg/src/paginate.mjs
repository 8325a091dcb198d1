// Paginators, as @smithy/core's createPaginator makes them: an async generator of pages that feeds
// each page's output token back as the next input token.
import { EC2Client } from "./client.mjs";
import { DescribeSnapshotsCommand } from "./commands.generated.mjs";

/**
 * The pages of `CommandCtor`; `pageSizeKey` takes `config.pageSize` when the input has none. (Paginators
 * call it rather than being made by it at load time, so an app's bundler drops those it does not use.)
 */
async function* paginateOperation(CommandCtor, inputToken, outputToken, pageSizeKey, config, input, additionalArguments) {
  // As the SDK: the caller's input object carries the token and page size (it is mutated).
  let token = config.startingToken ?? input[inputToken];
  let hasNext = true;
  while (hasNext) {
    input[inputToken] = token;
    input[pageSizeKey] = input[pageSizeKey] ?? config.pageSize;
    if (!(config.client instanceof EC2Client)) throw new Error("Invalid client, expected instance of EC2Client");
    const withCommand = config.withCommand === undefined ? (c) => c : config.withCommand;
    const command = new CommandCtor(input);
    const page = await config.client.send(withCommand(command) ?? command, ...additionalArguments);
    yield page;
    const previous = token;
    token = page && typeof page === "object" ? page[outputToken] : undefined;
    hasNext = !!(token && (!config.stopOnSameToken || token !== previous));
  }
  return undefined;
}

/** DescribeSnapshots page by page: NextToken → NextToken, pageSize → MaxResults. */
export function paginateDescribeSnapshots(config, input, ...additionalArguments) {
  return paginateOperation(DescribeSnapshotsCommand, "NextToken", "NextToken", "MaxResults", config, input, additionalArguments);
}
