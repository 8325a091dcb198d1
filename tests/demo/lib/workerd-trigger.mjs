// A helper worker for the test: GET /?cron=…&time=… fires the example worker's `scheduled` handler
// through a service binding, the way Cloudflare's cron triggers do, and answers with its outcome.
export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const result = await env.WORKER.scheduled({
      cron: url.searchParams.get("cron") ?? "",
      scheduledTime: new Date(Number(url.searchParams.get("time") ?? Date.now())),
    });
    return Response.json(result);
  },
};
