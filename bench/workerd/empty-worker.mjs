// workerd cold-start reference: a worker that answers at once.
export default { fetch: async () => new Response("ok") };
