// Cold start floor: a fresh Node process does one bare fetch POST (no signing library, no parsing).
process.stdout.write("C\n");
const res = await fetch(`${process.argv[2]}/`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded; charset=utf-8" }, body: "Action=CreateSnapshot&Version=2016-11-15&VolumeId=vol-1234567890abcdef0" });
await res.arrayBuffer();
process.stdout.write(`D ${res.status}\n`);
process.exit(0);
