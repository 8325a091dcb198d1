export async function runWorker() { throw new Error("worker: not yet"); }
