// What every contender shares: the one CreateSnapshot input, static credentials, the region, the expected
// answer, the hand-built EC2 Query body (aws4fetch and the floor) and the statistics helpers.
// Runs unchanged in Node and in the browser bundles.

export const REGION = "us-east-1";
export const CREDENTIALS = {
  accessKeyId: "AKIDEXAMPLE",
  secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
};
export const INPUT = {
  VolumeId: "vol-1234567890abcdef0",
  Description: "nightly backup of the data volume",
  TagSpecifications: [{ ResourceType: "snapshot", Tags: [{ Key: "team", Value: "storage" }] }],
};
/** The snapshot id in tests/vectors/model/samples/create-snapshot-response.xml (what the server answers). */
export const SNAPSHOT_ID = "snap-066877671789bd71b";

/** RFC 3986 encoding, as the EC2 Query protocol (and SigV4) want it. */
const enc = (s) => encodeURIComponent(s).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

/** The EC2 Query form body for INPUT, built by hand (what an aws4fetch user writes). */
export function formBody(input) {
  let b = `Action=CreateSnapshot&Version=2016-11-15&VolumeId=${enc(input.VolumeId)}`;
  if (input.Description !== undefined) b += `&Description=${enc(input.Description)}`;
  (input.TagSpecifications ?? []).forEach((spec, i) => {
    const p = `TagSpecification.${i + 1}`;
    if (spec.ResourceType !== undefined) b += `&${p}.ResourceType=${enc(spec.ResourceType)}`;
    (spec.Tags ?? []).forEach((t, j) => {
      b += `&${p}.Tag.${j + 1}.Key=${enc(t.Key)}&${p}.Tag.${j + 1}.Value=${enc(t.Value)}`;
    });
  });
  return b;
}

/** The snapshot id out of a CreateSnapshot response text, with indexOf (what an aws4fetch user writes). */
export function snapshotIdOf(xml) {
  const i = xml.indexOf("<snapshotId>");
  if (i < 0) throw new Error(`no <snapshotId> in the response: ${xml.slice(0, 200)}`);
  return xml.slice(i + 12, xml.indexOf("</snapshotId>", i));
}

export function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
export const sortNum = (xs) => Float64Array.from(xs).sort();
export const median = (xs) => quantile(sortNum(xs), 0.5);
export const p99 = (xs) => quantile(sortNum(xs), 0.99);

/** Rotates a list by `k`, so each round starts with another contender. */
export const rotate = (list, k) => list.map((_, i) => list[(i + k) % list.length]);
