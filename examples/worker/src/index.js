// A Cloudflare Worker that snapshots EBS volumes with ec2-wasm:
//   POST /snapshot?volume=vol-…   (Authorization: Bearer <API_TOKEN>) -> 201 with the snapshot as JSON
//   the cron trigger in wrangler.toml -> a snapshot of VOLUME_ID, e.g. every night
// Configuration (wrangler.toml [vars] and `wrangler secret put`): AWS_REGION, AWS_ACCESS_KEY_ID,
// AWS_SECRET_ACCESS_KEY, optional AWS_SESSION_TOKEN, VOLUME_ID for the schedule, API_TOKEN for the route,
// optional EC2_ENDPOINT.
import { CreateSnapshotCommand, EC2Client, EC2ServiceException } from "ec2-wasm";

function ec2(env) {
  return new EC2Client({
    region: env.AWS_REGION,
    endpoint: env.EC2_ENDPOINT || undefined,
    credentials: {
      accessKeyId: env.AWS_ACCESS_KEY_ID,
      secretAccessKey: env.AWS_SECRET_ACCESS_KEY,
      sessionToken: env.AWS_SESSION_TOKEN || undefined,
    },
  });
}

async function createSnapshot(env, volumeId, description, trigger) {
  const snapshot = await ec2(env).send(
    new CreateSnapshotCommand({
      VolumeId: volumeId,
      Description: description,
      TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "created-by", Value: `ec2-wasm-worker/${trigger}` }] }],
    }),
  );
  const { $metadata, ...fields } = snapshot;
  return { ...fields, RequestId: $metadata.requestId };
}

/** Constant-time check of the bearer token (hashing first makes the lengths equal). */
async function authorized(request, env) {
  const expected = env.API_TOKEN;
  const given = /^Bearer (.+)$/.exec(request.headers.get("authorization") ?? "")?.[1];
  if (!expected || !given) return false;
  const digest = (s) => crypto.subtle.digest("SHA-256", new TextEncoder().encode(s));
  const [a, b] = await Promise.all([digest(expected), digest(given)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

function errorResponse(error) {
  if (error instanceof EC2ServiceException) {
    // EC2 said no: pass its code and request id on, with its HTTP status.
    return Response.json(
      { error: error.name, message: error.message, requestId: error.$metadata.requestId },
      { status: error.$metadata.httpStatusCode ?? 502 },
    );
  }
  if (error?.name === "ValidationError") return Response.json({ error: error.name, message: error.message }, { status: 400 });
  return Response.json({ error: error?.name ?? "Error", message: String(error?.message ?? error) }, { status: 502 });
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    if (url.pathname !== "/snapshot") return new Response("not found\n", { status: 404 });
    if (request.method !== "POST") return new Response("use POST\n", { status: 405, headers: { allow: "POST" } });
    if (!(await authorized(request, env))) {
      return new Response("unauthorized\n", { status: 401, headers: { "www-authenticate": "Bearer" } });
    }
    const volumeId = url.searchParams.get("volume") ?? env.VOLUME_ID;
    if (!volumeId) return Response.json({ error: "MissingVolume", message: "pass ?volume=vol-…" }, { status: 400 });
    try {
      const snapshot = await createSnapshot(env, volumeId, `ec2-wasm worker, on request at ${new Date().toISOString()}`, "fetch");
      return Response.json(snapshot, { status: 201 });
    } catch (error) {
      return errorResponse(error);
    }
  },

  async scheduled(controller, env, ctx) {
    const when = new Date(controller.scheduledTime).toISOString();
    ctx.waitUntil(
      createSnapshot(env, env.VOLUME_ID, `ec2-wasm worker, cron "${controller.cron}" at ${when}`, "scheduled").then(
        (s) => console.log(`scheduled snapshot ${s.SnapshotId} of ${s.VolumeId} (${s.State})`),
        (error) => {
          console.error(`scheduled snapshot of ${env.VOLUME_ID} failed: ${error.name}: ${error.message}`);
          throw error; // marks this cron run as failed in the dashboard
        },
      ),
    );
  },
};
