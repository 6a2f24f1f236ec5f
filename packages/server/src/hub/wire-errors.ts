/**
 * What the hub answers when a request is refused before any route of ours sees it: by Node's
 * HTTP parser (a bad header character, a space in the URL, headers over 64 KB, Content-Length with
 * Transfer-Encoding, an unknown HTTP version, a body too slow to arrive), by Fastify's router (a
 * bad percent escape, an over-long path segment) or by its body parser (bad JSON, a body too
 * large). Each gets the documented `{"error":{"code","message"}}` shape, as every other 4xx of
 * the hub, and none quotes the request back: a URL or a body can hold a patron's e-mail.
 */
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from 'pino';
import { errorRegistry, type ErrorCode } from '@liaison/core';
import { headersOutsideHooks } from './security-headers.js';

/** An answer to send: HTTP status, stable code, a sentence saying what to change. */
export interface WireErrorAnswer {
  status: number;
  code: ErrorCode;
  message: string;
}

/** An answer with its code's status from core's registry, so the two cannot drift apart. */
function answer(code: ErrorCode, message: string): WireErrorAnswer {
  return { status: errorRegistry[code].httpStatus, code, message };
}

/** What the refusal of Node's HTTP parser means, by its code (llhttp's `HPE_*`, Node's `ERR_*`). */
const parserRefusals: Record<string, string> = {
  HPE_INVALID_HEADER_TOKEN: 'a header name or value has a character headers may not carry',
  HPE_INVALID_URL: 'the address has a character an HTTP address may not carry (a space?); percent-encode it',
  HPE_INVALID_VERSION: 'the HTTP version is not one the hub speaks; use HTTP/1.1',
  HPE_INVALID_METHOD: 'the method is not an HTTP method',
  HPE_UNEXPECTED_CONTENT_LENGTH: 'it has both Content-Length and Transfer-Encoding; send one of them',
  HPE_INVALID_CONTENT_LENGTH: 'its Content-Length is not a number of bytes',
  HPE_INVALID_TRANSFER_ENCODING: 'it has Transfer-Encoding with Content-Length, or one that does not end in chunked; send one of them',
  HPE_INVALID_CHUNK_SIZE: 'a chunk size of its chunked body is not a hexadecimal number',
  HPE_LF_EXPECTED: 'a line does not end with CRLF',
  HPE_CR_EXPECTED: 'a line does not end with CRLF',
  HPE_INVALID_CONSTANT: 'it does not start like an HTTP request',
};

/** The answer to a request Node's HTTP parser refused or timed out. */
export function answerForClientError(error: { code?: string }, requestTimeoutMs: number): WireErrorAnswer {
  if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    const seconds = Math.round(requestTimeoutMs / 100) / 10;
    return answer('request_timeout', `The request did not arrive in full within ${seconds} s; send it again without pausing.`);
  }
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    return answer('headers_too_large', 'The request headers are larger than the hub reads (16 KB); send fewer or shorter headers.');
  }
  const reason = (error.code && parserRefusals[error.code]) ?? 'it is not well-formed HTTP/1.1';
  return answer('malformed_request', `The request could not be read: ${reason}.`);
}

/**
 * Fastify's `clientErrorHandler`: Node's parser refused the request, so there is no request
 * object, only the socket. Fastify's own handler logs the error with `rawPacket` — the raw
 * request line and headers, patron e-mails in a query string included. This one logs the code only.
 */
export function clientErrorHandler(logger: Logger, requestTimeoutMs: number) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    // A reset connection has nobody to answer.
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const refusal = answerForClientError(error, requestTimeoutMs);
    logger.debug({ code: error.code, status: refusal.status }, 'a request was refused before it could be read');
    if (socket.writable) {
      const body = JSON.stringify({ error: { code: refusal.code, message: refusal.message } });
      const headers = { ...headersOutsideHooks, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(body)), connection: 'close' };
      const head = Object.entries(headers).map(([name, value]) => `${name}: ${value}\r\n`).join('');
      socket.end(`HTTP/1.1 ${refusal.status} ${STATUS_CODES[refusal.status] ?? 'Bad Request'}\r\n${head}\r\n${body}`);
    }
    socket.destroySoon();
  };
}

/**
 * The answer to one of Fastify's own errors (its code `FST_ERR_*`, or a `SyntaxError` of the
 * JSON parser), or undefined for an error that is not Fastify's. None quotes the request.
 */
export function answerForFrameworkError(error: Error & { code?: string; statusCode?: number }, bodyLimitBytes: number): WireErrorAnswer | undefined {
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return answer('body_too_large', `The request body is larger than ${bodyLimitBytes} bytes; send less at once.`);
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return answer('unsupported_media_type', 'Send the body as application/json.');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return answer('malformed_json', 'The body is empty but says it is JSON; send a JSON object, or no Content-Type with no body.');
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return answer('malformed_request', 'The body is not as long as its Content-Length says; send the length of the body as sent.');
    case 'FST_ERR_BAD_URL':
      return answer('malformed_url', 'The address has a "%" that does not start an escape such as %20; write a "%" as %25.');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return answer('path_too_long', 'A part of the address is longer than the hub reads (100 characters); check the address.');
    default:
      break;
  }
  // The JSON parser's message quotes the body around the mistake, so it is not passed on.
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_JSON_BODY') {
    return answer('malformed_json', 'The body is not valid JSON; check its quotes, commas and brackets.');
  }
  if (error.code?.startsWith('FST_ERR_') && error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: 'bad_request', message: 'The request could not be read; see docs/api.md for what each route takes.' };
  }
  return undefined;
}

/** An HTTP/1.1 request must name its Host (RFC 9112 §3.2); Node's own refusal of one without has no body. */
export function answerForMissingHost(): WireErrorAnswer {
  return answer('missing_host', 'An HTTP/1.1 request must carry a Host header; add one.');
}
