// Corners of the SDK's hand-written XML parser and scalar parsing, kept apart from the
// random corpus so each one is named when it fails. NOTES.md lists what the SDK does for each.
//
// Options per corner:
//   relaxed: the SDK rejects with a plain Error (not EC2ServiceException) whose message names its
//            internals; only "rejects, not as a service error, same $metadata" is compared.
//   quirk:   an SDK oddity real EC2 traffic does not produce (lenient Number()/toLowerCase() scalars,
//            16-bit character references...). A difference is printed, and fails only with
//            DIFF_STRICT_QUIRKS=1: whether to copy it is a product decision (NOTES.md).
import { XMLNS } from './gen-response.mjs';

export const wrap = (inner, attrs = ` xmlns="${XMLNS}"`) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n<CreateSnapshotResponse${attrs}>${inner}</CreateSnapshotResponse>`);
export const ok = (inner) => ({ status: 200, headers: [], body: wrap(inner) });
export const err = (status, xml) => ({ status, headers: [], body: Buffer.from(xml) });
const raw = (status, text) => ({ status, headers: [], body: Buffer.from(text) });

const QUIRK = { quirk: true };
const RELAXED = { relaxed: true };

export const PARSER_CORNERS = [
  // Scalars: the SDK uses Number(text) for integers and longs, text.toLowerCase() === "true" for booleans.
  ['number with spaces', ok('<volumeSize> 8 </volumeSize>'), QUIRK],
  ['number in hex / exponent / plus sign', ok('<volumeSize>0x10</volumeSize><completionDurationMinutes>1e3</completionDurationMinutes><fullSnapshotSizeInBytes>+5</fullSnapshotSizeInBytes>'), QUIRK],
  ['not a number', ok('<volumeSize>eight</volumeSize>'), QUIRK],
  ['fractional integer', ok('<volumeSize>8.5</volumeSize>'), QUIRK],
  ['long beyond 2^63', ok('<fullSnapshotSizeInBytes>18446744073709551616</fullSnapshotSizeInBytes>'), QUIRK],
  ['long beyond 2^53 (rounds like a double)', ok('<fullSnapshotSizeInBytes>9007199254740993</fullSnapshotSizeInBytes>')],
  ['negative integer', ok('<volumeSize>-1</volumeSize>')],
  ['boolean TRUE', ok('<encrypted>TRUE</encrypted>'), QUIRK],
  ['boolean 1', ok('<encrypted>1</encrypted>'), QUIRK],
  ['boolean with spaces', ok('<encrypted> true </encrypted>'), QUIRK],
  // Timestamps.
  ['timestamp with leap second 60', ok('<startTime>2016-12-31T23:59:60Z</startTime>'), QUIRK],
  ['timestamp Feb 31', ok('<startTime>2014-02-31T00:00:00Z</startTime>'), QUIRK],
  ['timestamp fraction rounding up to the next second', ok('<startTime>2014-02-28T21:06:01.9996Z</startTime>')],
  ['timestamp with nanoseconds and an offset', ok('<startTime>2014-02-28T21:06:01.123456789-08:00</startTime>')],
  ['timestamp year 0001', ok('<startTime>0001-01-01T00:00:00Z</startTime>'), QUIRK],
  // Text.
  ['astral character reference (the SDK keeps only the low 16 bits)', ok('<description>&#x1F600;|&#128512;</description>'), QUIRK],
  ['unknown named entity (the SDK drops it)', ok('<description>a&nbsp;b&copy;c</description>'), QUIRK],
  ['CR LF and lone CR in text', ok('<description>a\r\nb\rc</description>')],
  ['character reference for CR is kept', ok('<description>a&#13;b&#xD;</description>')],
  ['whitespace-only text with a newline becomes empty', ok('<description>\n\t </description><progress>  </progress>')],
  ['text with surrounding newlines is kept as is', ok('<description>\n  x\n</description>')],
  ['CDATA, comment and text joined', ok('<description>a<![CDATA[<b>&amp;]]><!-- c -->d</description>')],
  ['mixed content: text around a child element', ok('<description>a<b>x</b>c</description>'), QUIRK],
  // Structure.
  ['a repeated scalar element', ok('<volumeId>vol-a</volumeId><volumeId>vol-b</volumeId>'), RELAXED],
  ['two tagSet elements', ok('<tagSet><item><key>a</key></item></tagSet><tagSet><item><key>b</key></item></tagSet>'), QUIRK],
  ['tag item with repeated key', ok('<tagSet><item><key>a</key><key>b</key><value>v</value></item></tagSet>'), RELAXED],
  ['empty items', ok('<tagSet><item></item><item/></tagSet>')],
  ['attributes on list elements', ok('<tagSet a="1"><item b="2"><key>k</key><value>v</value></item></tagSet>')],
  ['processing instruction and DOCTYPE', raw(200, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e "v">]><?pi x?><CreateSnapshotResponse><?pi y?><volumeId>v</volumeId></CreateSnapshotResponse>`), QUIRK],
  ['namespace prefixes (the SDK ignores prefixed elements)', raw(200, `<ec2:CreateSnapshotResponse xmlns:ec2="${XMLNS}"><ec2:volumeId>v</ec2:volumeId><volumeId>w</volumeId></ec2:CreateSnapshotResponse>`), QUIRK],
  ['a different root element name', raw(200, '<SomethingElse><volumeId>v</volumeId></SomethingElse>')],
  ['an empty root element with only attributes', raw(200, `<CreateSnapshotResponse xmlns="${XMLNS}"/>`)],
  ['a 202 status with a success body', { status: 202, headers: [], body: wrap('<volumeId>v</volumeId>') }],
  // Errors.
  ['error: Code empty', err(400, '<Response><Errors><Error><Code></Code><Message>m</Message></Error></Errors></Response>')],
  ['error: Message empty', err(400, '<Response><Errors><Error><Code>Foo</Code><Message></Message></Error></Errors></Response>')],
  ['error: Code and Message empty', err(400, '<Response><Errors><Error><Code></Code><Message></Message></Error></Errors></Response>')],
  ['error: no Code, 400', err(400, '<Response><Errors><Error><Message>m</Message></Error></Errors></Response>')],
  ['error: no Code, 404', err(404, '<Response><Errors><Error><Message>m</Message></Error></Errors></Response>')],
  ['error: no Message', err(400, '<Response><Errors><Error><Code>Foo</Code></Error></Errors></Response>')],
  ['error: Type inside Errors/Error', err(400, '<Response><Errors><Error><Type>Sender</Type><Code>Foo</Code><Message>m</Message></Error></Errors></Response>')],
  ['error: Code named like an Object.prototype member', err(400, '<Response><Errors><Error><Code>constructor</Code><Message>m</Message></Error></Errors></Response>')],
  ['error: Code __proto__', err(400, '<Response><Errors><Error><Code>__proto__</Code><Message>m</Message></Error></Errors></Response>')],
  ['error: HTML body from a proxy', err(502, '<html><head><title>502 Bad Gateway</title></head><body>Bad Gateway</body></html>')],
  ['error: 3xx status', err(301, '<Response><Errors><Error><Code>PermanentRedirect</Code><Message>m</Message></Error></Errors></Response>')],
  ['error: two Error elements', err(400, '<Response><Errors><Error><Code>A</Code><Message>1</Message></Error><Error><Code>B</Code><Message>2</Message></Error></Errors></Response>'), QUIRK],
  ['error: extra elements inside Error become error keys', err(400, '<Response><Errors><Error><Code>Foo</Code><Message>m</Message><Detail/><Resource>vol-1</Resource></Error></Errors></Response>'), QUIRK],
  ['error: lower-case message element', err(400, '<Response><Errors><Error><Code>Foo</Code><message>lower</message></Error></Errors></Response>'), QUIRK],
  ['error: Message directly under the root', err(400, '<Response><Errors><Error><Code>Foo</Code></Error></Errors><Message>outer</Message></Response>'), QUIRK],
];
