import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A small OTLP/HTTP trace receiver for tests: it answers `POST /v1/traces` as a collector would,
 * decodes both encodings the app can send (`http/json` and `http/protobuf`, the latter with the
 * few lines of protobuf wire format below) and keeps every span. It also counts every connection,
 * so a test can check that an app with no endpoint set never tried to send anything.
 */
export interface ReceivedSpan {
  traceId: string;
  spanId: string;
  /** '' for a root span. */
  parentSpanId: string;
  name: string;
  /** OTLP's enum: 1 internal, 2 server, 3 client. */
  kind: number;
  startNs: bigint;
  endNs: bigint;
  attributes: Record<string, unknown>;
  links: { traceId: string; spanId: string; attributes: Record<string, unknown> }[];
  /** OTLP's status code: 0 unset, 1 ok, 2 error. */
  status: number;
  scope: string;
  resource: Record<string, unknown>;
}

export interface OtlpReceiver {
  url: string;
  port: number;
  spans: ReceivedSpan[];
  /** Requests received, by content type. */
  exports: { contentType: string; spans: number }[];
  connections: () => number;
  /** Resolves once spans matching `ready` have arrived (polling what was received), or rejects after `timeoutMs`. */
  waitFor: (ready: (spans: ReceivedSpan[]) => boolean, timeoutMs?: number) => Promise<ReceivedSpan[]>;
  close: () => Promise<void>;
}

export async function startOtlpReceiver(port = 0): Promise<OtlpReceiver> {
  const spans: ReceivedSpan[] = [];
  const exports: OtlpReceiver['exports'] = [];
  let connections = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const contentType = request.headers['content-type'] ?? '';
      if (request.method !== 'POST' || request.url !== '/v1/traces') {
        response.writeHead(404).end();
        return;
      }
      try {
        const received = contentType.includes('json') ? fromJson(JSON.parse(body.toString('utf8'))) : fromProtobuf(body);
        spans.push(...received);
        exports.push({ contentType, spans: received.length });
        // An empty ExportTraceServiceResponse: everything accepted.
        if (contentType.includes('json')) response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        else response.writeHead(200, { 'content-type': 'application/x-protobuf' }).end(Buffer.alloc(0));
      } catch (error) {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error));
      }
    });
  });
  server.on('connection', () => (connections += 1));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });
  const bound = (server.address() as AddressInfo).port;
  const waitFor: OtlpReceiver['waitFor'] = async (ready, timeoutMs = 15_000) => {
    const deadline = Date.now() + timeoutMs;
    while (!ready(spans)) {
      if (Date.now() > deadline) throw new Error(`the spans awaited did not arrive within ${timeoutMs} ms; received: ${spans.map((span) => span.name).join(', ') || 'none'}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return spans;
  };
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    spans,
    exports,
    connections: () => connections,
    waitFor,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/* ---- OTLP/JSON ---- */

interface JsonValue {
  stringValue?: string;
  boolValue?: boolean;
  intValue?: number | string;
  doubleValue?: number;
  arrayValue?: { values?: JsonValue[] };
}
interface JsonKeyValue {
  key: string;
  value?: JsonValue;
}
interface JsonSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  kind: number;
  startTimeUnixNano: string | number;
  endTimeUnixNano: string | number;
  attributes?: JsonKeyValue[];
  links?: { traceId: string; spanId: string; attributes?: JsonKeyValue[] }[];
  status?: { code?: number };
}
interface JsonRequest {
  resourceSpans?: { resource?: { attributes?: JsonKeyValue[] }; scopeSpans?: { scope?: { name?: string }; spans?: JsonSpan[] }[] }[];
}

function fromJson(request: JsonRequest): ReceivedSpan[] {
  return (request.resourceSpans ?? []).flatMap((resourceSpans) => {
    const resource = jsonAttributes(resourceSpans.resource?.attributes);
    return (resourceSpans.scopeSpans ?? []).flatMap((scopeSpans) =>
      (scopeSpans.spans ?? []).map(
        (span): ReceivedSpan => ({
          traceId: span.traceId,
          spanId: span.spanId,
          parentSpanId: span.parentSpanId ?? '',
          name: span.name,
          kind: span.kind,
          startNs: BigInt(span.startTimeUnixNano),
          endNs: BigInt(span.endTimeUnixNano),
          attributes: jsonAttributes(span.attributes),
          links: (span.links ?? []).map((link) => ({ traceId: link.traceId, spanId: link.spanId, attributes: jsonAttributes(link.attributes) })),
          status: span.status?.code ?? 0,
          scope: scopeSpans.scope?.name ?? '',
          resource,
        }),
      ),
    );
  });
}

function jsonAttributes(list: JsonKeyValue[] | undefined): Record<string, unknown> {
  return Object.fromEntries((list ?? []).map(({ key, value }) => [key, jsonValue(value)]));
}

function jsonValue(value: JsonValue | undefined): unknown {
  if (value === undefined) return undefined;
  if (value.stringValue !== undefined) return value.stringValue;
  if (value.boolValue !== undefined) return value.boolValue;
  if (value.intValue !== undefined) return Number(value.intValue);
  if (value.doubleValue !== undefined) return value.doubleValue;
  if (value.arrayValue !== undefined) return (value.arrayValue.values ?? []).map(jsonValue);
  return undefined;
}

/* ---- OTLP/protobuf: only the wire types and fields of opentelemetry/proto/trace/v1 read here ---- */

class Reader {
  private pos = 0;
  constructor(private readonly buf: Buffer) {}

  get done(): boolean {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      const byte = this.buf[this.pos++];
      if (byte === undefined) throw new Error('truncated varint');
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
    }
  }

  tag(): { field: number; wire: number } {
    const tag = Number(this.varint());
    return { field: tag >>> 3, wire: tag & 7 };
  }

  bytes(): Buffer {
    const length = Number(this.varint());
    const slice = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return slice;
  }

  fixed64(): Buffer {
    const slice = this.buf.subarray(this.pos, this.pos + 8);
    this.pos += 8;
    return slice;
  }

  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unsupported wire type ${wire}`);
  }
}

/** Calls `on(field, wire, reader)` for each field of one message. */
function fields(buf: Buffer, on: (field: number, wire: number, reader: Reader) => boolean): void {
  const reader = new Reader(buf);
  while (!reader.done) {
    const { field, wire } = reader.tag();
    if (!on(field, wire, reader)) reader.skip(wire);
  }
}

function fromProtobuf(body: Buffer): ReceivedSpan[] {
  const spans: ReceivedSpan[] = [];
  fields(body, (field, wire, reader) => {
    if (field !== 1 || wire !== 2) return false;
    let resource: Record<string, unknown> = {};
    const scopes: Buffer[] = [];
    fields(reader.bytes(), (resourceField, resourceWire, inner) => {
      if (resourceField === 1 && resourceWire === 2) resource = resourceAttributes(inner.bytes());
      else if (resourceField === 2 && resourceWire === 2) scopes.push(inner.bytes());
      else return false;
      return true;
    });
    for (const scopeSpans of scopes) {
      let scope = '';
      const raw: Buffer[] = [];
      fields(scopeSpans, (scopeField, scopeWire, inner) => {
        if (scopeField === 1 && scopeWire === 2) scope = scopeName(inner.bytes());
        else if (scopeField === 2 && scopeWire === 2) raw.push(inner.bytes());
        else return false;
        return true;
      });
      for (const span of raw) spans.push({ ...protoSpan(span), scope, resource });
    }
    return true;
  });
  return spans;
}

function resourceAttributes(buf: Buffer): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  fields(buf, (field, wire, reader) => {
    if (field !== 1 || wire !== 2) return false;
    Object.assign(attributes, keyValue(reader.bytes()));
    return true;
  });
  return attributes;
}

function scopeName(buf: Buffer): string {
  let name = '';
  fields(buf, (field, wire, reader) => {
    if (field !== 1 || wire !== 2) return false;
    name = reader.bytes().toString('utf8');
    return true;
  });
  return name;
}

function protoSpan(buf: Buffer): Omit<ReceivedSpan, 'scope' | 'resource'> {
  const span: Omit<ReceivedSpan, 'scope' | 'resource'> = { traceId: '', spanId: '', parentSpanId: '', name: '', kind: 0, startNs: 0n, endNs: 0n, attributes: {}, links: [], status: 0 };
  fields(buf, (field, wire, reader) => {
    if (field === 1 && wire === 2) span.traceId = reader.bytes().toString('hex');
    else if (field === 2 && wire === 2) span.spanId = reader.bytes().toString('hex');
    else if (field === 4 && wire === 2) span.parentSpanId = reader.bytes().toString('hex');
    else if (field === 5 && wire === 2) span.name = reader.bytes().toString('utf8');
    else if (field === 6 && wire === 0) span.kind = Number(reader.varint());
    else if (field === 7 && wire === 1) span.startNs = reader.fixed64().readBigUInt64LE();
    else if (field === 8 && wire === 1) span.endNs = reader.fixed64().readBigUInt64LE();
    else if (field === 9 && wire === 2) Object.assign(span.attributes, keyValue(reader.bytes()));
    else if (field === 13 && wire === 2) span.links.push(protoLink(reader.bytes()));
    else if (field === 15 && wire === 2) span.status = statusCode(reader.bytes());
    else return false;
    return true;
  });
  return span;
}

function protoLink(buf: Buffer): ReceivedSpan['links'][number] {
  const link: ReceivedSpan['links'][number] = { traceId: '', spanId: '', attributes: {} };
  fields(buf, (field, wire, reader) => {
    if (field === 1 && wire === 2) link.traceId = reader.bytes().toString('hex');
    else if (field === 2 && wire === 2) link.spanId = reader.bytes().toString('hex');
    else if (field === 4 && wire === 2) Object.assign(link.attributes, keyValue(reader.bytes()));
    else return false;
    return true;
  });
  return link;
}

function statusCode(buf: Buffer): number {
  let code = 0;
  fields(buf, (field, wire, reader) => {
    if (field !== 3 || wire !== 0) return false;
    code = Number(reader.varint());
    return true;
  });
  return code;
}

function keyValue(buf: Buffer): Record<string, unknown> {
  let key = '';
  let value: unknown;
  fields(buf, (field, wire, reader) => {
    if (field === 1 && wire === 2) key = reader.bytes().toString('utf8');
    else if (field === 2 && wire === 2) value = anyValue(reader.bytes());
    else return false;
    return true;
  });
  return { [key]: value };
}

function anyValue(buf: Buffer): unknown {
  let value: unknown;
  fields(buf, (field, wire, reader) => {
    if (field === 1 && wire === 2) value = reader.bytes().toString('utf8');
    else if (field === 2 && wire === 0) value = reader.varint() !== 0n;
    else if (field === 3 && wire === 0) value = Number(BigInt.asIntN(64, reader.varint()));
    else if (field === 4 && wire === 1) value = reader.fixed64().readDoubleLE();
    else if (field === 5 && wire === 2) {
      const values: unknown[] = [];
      fields(reader.bytes(), (arrayField, arrayWire, inner) => {
        if (arrayField !== 1 || arrayWire !== 2) return false;
        values.push(anyValue(inner.bytes()));
        return true;
      });
      value = values;
    } else return false;
    return true;
  });
  return value;
}
