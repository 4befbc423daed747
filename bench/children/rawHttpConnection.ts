import { connect, type Socket } from 'node:net';

/** How one request ended: an answer (its body only when asked for), a broken connection, or no answer in time. */
export type Outcome = { readonly status: number; readonly body: string } | 'error' | 'timeout';

const CRLF2 = Buffer.from('\r\n\r\n');

/** A response's head: status, and how its body is delimited. */
const parseHead = (head: string) => {
  const lines = head.split('\r\n');
  const status = Number(lines[0].split(' ')[1]);
  let length: number | undefined;
  let chunked = false;
  let close = false;
  for (let i = 1; i < lines.length; i++) {
    const colon = lines[i].indexOf(':');
    const name = lines[i].slice(0, colon).toLowerCase();
    const value = lines[i]
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (name === 'content-length') length = Number(value);
    else if (name === 'transfer-encoding') chunked = value.includes('chunked');
    else if (name === 'connection') close = value === 'close';
  }
  // No body after 204 or 304, whatever the headers say; none either without a length or chunks.
  const bodyless = status === 204 || status === 304 || chunked;
  return { status, length: bodyless ? 0 : (length ?? 0), chunked, close };
};

/** The end of a complete chunked body in `data` and the body itself, or undefined while it is incomplete. */
const chunkedBody = (data: Buffer) => {
  const parts: Buffer[] = [];
  for (let at = 0; ; ) {
    const eol = data.indexOf('\r\n', at);
    if (eol < 0) return undefined;
    const size = Number.parseInt(data.subarray(at, eol).toString('latin1'), 16);
    if (size === 0) {
      const end = data.indexOf(CRLF2, eol);
      return end < 0 ? undefined : { end: end + 4, body: Buffer.concat(parts) };
    }
    if (data.length < eol + 2 + size + 2) return undefined;
    parts.push(data.subarray(eol + 2, eol + 2 + size));
    at = eol + 2 + size + 2;
  }
};

/**
 * One kept-alive HTTP/1.1 connection sending one request at a time, reading answers with a minimal parser:
 * the load generator shares a 2-core machine with the server, and Node's HTTP client (an agent, a request
 * and a response object and their events per request) cost it a core at 13,000 answers/s of 39 KB pages.
 * Bodies are kept as bytes and decoded only when the caller asks for them. Reconnects after a failure.
 */
export const createRawHttpConnection = (target: URL, timeoutMs: number) => {
  const hostHeader = `Host: ${target.host}\r\n`;
  let socket: Socket | undefined;
  let pending: { readonly resolve: (o: Outcome) => void; readonly wantBody: boolean } | undefined;
  let buffered: Buffer = Buffer.alloc(0);
  let head: ReturnType<typeof parseHead> | undefined;
  let bodyStart = 0;
  let timer: NodeJS.Timeout | undefined;
  /** Whether the current socket has carried an answer yet. */
  let carried = false;
  let onFirstAnswer: (() => void) | undefined;

  const finish = (outcome: Outcome) => {
    clearTimeout(timer);
    const p = pending;
    pending = undefined;
    head = undefined;
    p?.resolve(outcome);
  };

  const drop = (outcome: 'error' | 'timeout') => {
    socket?.destroy();
    socket = undefined;
    buffered = Buffer.alloc(0);
    if (pending) finish(outcome);
  };

  const read = (s: Socket) => {
    if (!pending) return;
    if (!head) {
      const end = buffered.indexOf(CRLF2);
      if (end < 0) return;
      head = parseHead(buffered.subarray(0, end).toString('latin1'));
      bodyStart = end + 4;
    }
    let body: Buffer;
    let end: number;
    if (head.chunked) {
      const found = chunkedBody(buffered.subarray(bodyStart));
      if (!found) return;
      body = found.body;
      end = bodyStart + found.end;
    } else {
      end = bodyStart + head.length;
      if (buffered.length < end) return;
      body = buffered.subarray(bodyStart, end);
    }
    const { status, close } = head;
    const text = pending.wantBody ? body.toString('utf8') : '';
    buffered = buffered.subarray(end);
    if (!carried) {
      carried = true;
      onFirstAnswer?.();
    }
    if (close) {
      s.destroy();
      socket = undefined;
      buffered = Buffer.alloc(0);
    }
    finish({ status, body: text });
  };

  const open = () => {
    const s = connect({ host: target.hostname, port: Number(target.port), noDelay: true });
    carried = false;
    s.on('data', (chunk: Buffer) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      read(s);
    });
    s.on('error', () => {
      if (socket === s) drop('error');
    });
    s.on('close', () => {
      if (socket === s) drop('error');
    });
    return s;
  };

  return {
    /** Sends one request (already encoded) and waits for its answer. */
    request: (bytes: Buffer, wantBody: boolean) =>
      new Promise<Outcome>((resolve) => {
        pending = { resolve, wantBody };
        socket ??= open();
        timer = setTimeout(() => drop('timeout'), timeoutMs);
        socket.write(bytes);
      }),
    /** Encodes a request for this connection's server. */
    encode: (method: string, path: string, headers: Readonly<Record<string, string>>, body?: string) => {
      let text = `${method} ${path} HTTP/1.1\r\n${hostHeader}`;
      for (const [name, value] of Object.entries(headers)) text += `${name}: ${value}\r\n`;
      const payload = body === undefined ? undefined : Buffer.from(body, 'utf8');
      if (payload) text += `content-length: ${payload.length}\r\n`;
      text += '\r\n';
      return payload ? Buffer.concat([Buffer.from(text, 'latin1'), payload]) : Buffer.from(text, 'latin1');
    },
    /** Called once for each new socket that carries its first answer. */
    onNewSocket: (f: () => void) => {
      onFirstAnswer = f;
    },
    close: () => {
      const s = socket;
      socket = undefined;
      s?.destroy();
    },
  };
};
