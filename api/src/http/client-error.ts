import type { Server } from 'node:http';
import type { Duplex } from 'node:stream';

// Issue 10: requests Node's HTTP parser refuses before Express sees them (raw UTF-8 bytes in the URL,
// a header block over the limit) used to get an empty 400 or 431. They now get a problem+json body
// that says what was wrong, like every other refusal.

function problemFor(code: string | undefined): { status: number; title: string; detail: string } {
  if (code === 'HPE_HEADER_OVERFLOW') {
    return { status: 431, title: 'Request header fields too large', detail: 'The request line or headers are larger than the server accepts (a very long query string?). Send large input in a POST body.' };
  }
  if (code === 'HPE_INVALID_URL' || code === 'HPE_INVALID_HEADER_TOKEN' || code === 'HPE_INVALID_CONSTANT' || code === 'HPE_INVALID_METHOD') {
    return {
      status: 400,
      title: 'Malformed request',
      detail: 'The request line or a header is not valid HTTP: non-ASCII characters in a URL must be percent-encoded (ă is %C4%83).',
    };
  }
  return { status: 400, title: 'Malformed request', detail: 'The request is not valid HTTP.' };
}

/** Makes `server` answer requests its HTTP parser refuses with application/problem+json. */
export function answerClientErrors(server: Server): void {
  server.on('clientError', (error: NodeJS.ErrnoException, socket: Duplex) => {
    if (!socket.writable || (error as { code?: string }).code === 'ECONNRESET') {
      socket.destroy();
      return;
    }
    const { status, title, detail } = problemFor(error.code);
    const body = JSON.stringify({ type: '/problems/malformed-request', title, status, detail });
    socket.end(
      `HTTP/1.1 ${status} ${title}\r\nContent-Type: application/problem+json\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
