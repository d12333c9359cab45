/**
 * A small streaming XML tokenizer for the parts of an .xlsx file (issue 6). A 50,000-row sheet is
 * some 60 MB of XML and 2.5 million elements; a general parser (saxes: character by character,
 * every attribute parsed into an object) spends more time on it than the rest of the import
 * together. This one works on the UTF-8 bytes: it jumps from `<` to `>` with `indexOf`, hands
 * element names out as constant strings for the names a sheet repeats, leaves attributes as bytes
 * until asked, and decodes only text.
 *
 * Working on bytes also keeps every character whole: a text is decoded only once the `<` after it
 * has arrived, so a multi-byte character split between two chunks is decoded from both halves.
 *
 * It reads what SpreadsheetML parts contain: the XML declaration, elements (with or without a
 * namespace prefix; handlers get the local name), attributes in single or double quotes, text
 * with the five predefined entities and character references, CDATA sections, comments and
 * processing instructions. It refuses what no workbook part has or what is broken — a DOCTYPE,
 * an unknown entity, a bare `&`, a close tag that does not match, a construct left open at the
 * end — with `XmlFormatError`. Namespace URIs are not resolved. The input must be UTF-8 (the
 * caller transcodes a UTF-16 part).
 *
 * Node side (Buffer).
 */

export class XmlFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'XmlFormatError';
  }
}

export interface XmlHandler {
  /** An element opens. `attrs` reads its attributes, during this call only. */
  open(name: string, attrs: XmlAttributes): void;
  /** An element closes (right after `open` for `<x/>`). */
  close(name: string): void;
  /** Character data, entities decoded; one text node may come in several pieces (CDATA). */
  text(s: string): void;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

/** Text with its entity and character references decoded. */
export function decodeEntities(s: string): string {
  if (!s.includes('&')) return s;
  return s.replace(/&([^;&]*);|&/g, (m, ref: string | undefined) => {
    if (ref === undefined) throw new XmlFormatError('unescaped &');
    const named = ENTITIES[ref];
    if (named !== undefined) return named;
    const code = /^#x[0-9a-fA-F]+$/.test(ref) ? parseInt(ref.slice(2), 16) : /^#[0-9]+$/.test(ref) ? parseInt(ref.slice(1), 10) : NaN;
    if (!(code >= 0 && code <= 0x10ffff)) throw new XmlFormatError(`unknown entity ${m}`);
    return String.fromCodePoint(code);
  });
}

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f; // /
const QUOT = 0x22; // "
const APOS = 0x27; // '
const BANG = 0x21; // !
const QUESTION = 0x3f; // ?
const EQ = 0x3d; // =
const COLON = 0x3a; // :
const AMP = 0x26; // &

const isSpace = (c: number) => c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;

/**
 * `b.toString('utf8', from, to)` without its argument handling: Buffer's own `utf8Slice`, which
 * `toString` ends in (a sheet has a text for most of its million cells).
 */
const utf8: (b: Buffer, from: number, to: number) => string =
  typeof (Buffer.prototype as { utf8Slice?: unknown }).utf8Slice === 'function'
    ? (b, from, to) => (b as Buffer & { utf8Slice(from: number, to: number): string }).utf8Slice(from, to)
    : (b, from, to) => b.toString('utf8', from, to);

/**
 * The attributes of the element being opened, read from its bytes. Walk them with `next()`
 * (then `nameLength`, `nameByte(i)`, `name()`, `value()`, or the value's bytes
 * `bytes[valueStart, valueEnd)` when it has no entity), or use `get()` / `all()`.
 */
export class XmlAttributes {
  bytes: Buffer = Buffer.alloc(0);
  nameStart = 0;
  nameEnd = 0;
  valueStart = 0;
  valueEnd = 0;
  /** The value has an entity or character reference: read it with `value()`. */
  valueHasEntity = false;
  private from = 0;
  private to = 0;
  private i = 0;

  /** @internal */
  set(bytes: Buffer, from: number, to: number): void {
    this.bytes = bytes;
    this.from = from;
    this.to = to;
    this.i = from;
  }

  get empty(): boolean {
    for (let k = this.from; k < this.to; k++) if (!isSpace(this.bytes[k] as number)) return false;
    return true;
  }

  /** Back to the first attribute. */
  reset(): this {
    this.i = this.from;
    return this;
  }

  /** Moves to the next attribute; false after the last. */
  next(): boolean {
    const b = this.bytes;
    const to = this.to;
    let i = this.i;
    while (i < to && isSpace(b[i] as number)) i++;
    if (i >= to) {
      this.i = to;
      return false;
    }
    const start = i;
    let c = 0;
    while (i < to && (c = b[i] as number) !== EQ && !isSpace(c)) {
      if (c === QUOT || c === APOS || c === LT || c === GT || c === SLASH) throw this.bad(start);
      i++;
    }
    const end = i;
    while (i < to && isSpace(b[i] as number)) i++;
    if (end === start || b[i] !== EQ) throw this.bad(start);
    i++;
    while (i < to && isSpace(b[i] as number)) i++;
    const q = b[i];
    if (q !== QUOT && q !== APOS) throw this.bad(start);
    const vs = i + 1;
    let ve = vs;
    let entity = false;
    while (ve < to && (c = b[ve] as number) !== q) {
      if (c === AMP) entity = true;
      ve++;
    }
    if (ve >= to) throw this.bad(start);
    this.nameStart = start;
    this.nameEnd = end;
    this.valueStart = vs;
    this.valueEnd = ve;
    this.valueHasEntity = entity;
    this.i = ve + 1;
    return true;
  }

  get nameLength(): number {
    return this.nameEnd - this.nameStart;
  }

  nameByte(k: number): number {
    return this.bytes[this.nameStart + k] as number;
  }

  /** The name as written (`r:id` stays `r:id`). */
  name(): string {
    return this.bytes.toString('utf8', this.nameStart, this.nameEnd);
  }

  value(): string {
    const s = utf8(this.bytes, this.valueStart, this.valueEnd);
    return this.valueHasEntity ? decodeEntities(s) : s;
  }

  /** One attribute by its name as written, or undefined. */
  get(name: string): string | undefined {
    this.reset();
    while (this.next()) if (this.nameLength === name.length && this.name() === name) return this.value();
    return undefined;
  }

  /** Every attribute by its name as written. */
  all(): Record<string, string> {
    const out: Record<string, string> = {};
    this.reset();
    while (this.next()) out[this.name()] = this.value();
    return out;
  }

  private bad(at: number): XmlFormatError {
    return new XmlFormatError(`bad attribute: ${this.bytes.toString('utf8', at, Math.min(this.to, at + 40))}`);
  }
}

/**
 * The element name at `b[from, to)`, and its local name: the names a sheet repeats millions of
 * times come as string constants (no new string each time, compared by identity in switches).
 */
function nameAt(b: Buffer, from: number, to: number): string {
  const len = to - from;
  if (len === 1) {
    switch (b[from]) {
      case 0x63:
        return 'c';
      case 0x76:
        return 'v';
      case 0x66:
        return 'f';
      case 0x74:
        return 't';
      case 0x72:
        return 'r';
      default:
        break;
    }
  } else if (len === 3 && b[from] === 0x72 && b[from + 1] === 0x6f && b[from + 2] === 0x77) return 'row';
  else if (len === 2 && b[from] === 0x69 && b[from + 1] === 0x73) return 'is';
  else if (len === 2 && b[from] === 0x73 && b[from + 1] === 0x69) return 'si';
  return b.toString('utf8', from, to);
}

const EMPTY = Buffer.alloc(0);

/** Bytes one tag, text, comment or CDATA section may take (a cell holds 32,767 characters at most). */
const MAX_CONSTRUCT = 16 * 1024 * 1024;

export class XmlScanner {
  /** Bytes of an incomplete construct (or text) at the end of the last chunk. */
  private rest: Buffer = EMPTY;
  /** Names of the open elements, as written and local. */
  private readonly stack: string[] = [];
  private readonly locals: string[] = [];
  private rootClosed = false;
  private started = false;
  private readonly attrs = new XmlAttributes();

  constructor(private readonly h: XmlHandler) {}

  /** Feeds the next bytes of the document (UTF-8). */
  write(chunk: Uint8Array): void {
    let b = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    if (this.rest.length > 0) b = Buffer.concat([this.rest, b]);
    let from = 0;
    if (!this.started) {
      if (b.length < 3) {
        this.rest = Buffer.from(b);
        return;
      }
      this.started = true;
      if (b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf) from = 3; // UTF-8 byte order mark
    }
    const stop = this.scan(b, from);
    this.rest = stop >= b.length ? EMPTY : Buffer.from(b.subarray(stop));
    // A tag, a text or a comment longer than this is a broken file (an unclosed `<!--` or
    // quote), not a spreadsheet: stop before copying the rest of the file again and again.
    if (this.rest.length > MAX_CONSTRUCT) throw new XmlFormatError('construct too long (unclosed comment, quote or tag?)');
  }

  /** The document is complete: every element must be closed. */
  end(): void {
    if (this.rest.toString('utf8').trim() !== '') throw new XmlFormatError('document ends inside a tag');
    if (this.stack.length > 0) throw new XmlFormatError(`element <${this.stack[this.stack.length - 1] ?? ''}> not closed`);
    if (!this.rootClosed) throw new XmlFormatError('no root element');
  }

  /** Handles every complete construct of `b` from `i`; returns where the incomplete rest starts. */
  private scan(b: Buffer, i: number): number {
    const h = this.h;
    const stack = this.stack;
    const locals = this.locals;
    const n = b.length;
    while (i < n) {
      const lt = b.indexOf(LT, i);
      // Text up to the next tag: keep it until that tag arrives (it is whole then).
      if (lt < 0) return i;
      if (lt > i) this.text(b, i, lt);
      if (lt + 1 >= n) return lt;
      const c = b[lt + 1];
      if (c === SLASH) {
        const end = b.indexOf(GT, lt + 2);
        if (end < 0) return lt;
        // A close tag names the element open last: compare its bytes in place (an ASCII name),
        // else the decoded name.
        const open = stack[stack.length - 1];
        let same = open !== undefined && end - lt - 2 >= open.length;
        if (same && open !== undefined) {
          const at = lt + 2;
          for (let k = 0; k < open.length; k++) {
            if (b[at + k] !== open.charCodeAt(k)) {
              same = false;
              break;
            }
          }
          for (let k = at + open.length; same && k < end; k++) if (!isSpace(b[k] as number)) same = false;
        }
        if (!same) {
          const raw = b.toString('utf8', lt + 2, end).trimEnd();
          if (raw !== open) throw new XmlFormatError(open === undefined ? `stray </${raw}>` : `</${raw}> closes <${open}>`);
        }
        stack.pop();
        if (stack.length === 0) this.rootClosed = true;
        h.close(locals.pop() as string);
        i = end + 1;
      } else if (c === BANG) {
        if (startsWith(b, lt, '<!--')) {
          const end = b.indexOf('-->', lt + 4);
          if (end < 0) return lt;
          i = end + 3;
        } else if (startsWith(b, lt, '<![CDATA[')) {
          const end = b.indexOf(']]>', lt + 9);
          if (end < 0) return lt;
          if (stack.length === 0) throw new XmlFormatError('CDATA outside the root element');
          if (end > lt + 9) h.text(b.toString('utf8', lt + 9, end));
          i = end + 3;
        } else if (n - lt < 9) {
          return lt; // not enough yet to tell which
        } else {
          throw new XmlFormatError('DOCTYPE not supported');
        }
      } else if (c === QUESTION) {
        const end = b.indexOf('?>', lt + 2);
        if (end < 0) return lt;
        i = end + 2;
      } else {
        // A start tag: the name, then the first `>` outside quotes.
        let j = lt + 1;
        let d = 0;
        let colon = -1;
        while (j < n) {
          d = b[j] as number;
          if (d === GT || d === SLASH || isSpace(d)) break;
          if (d === COLON) colon = j;
          else if (d === LT || d === QUOT || d === APOS || d === EQ) throw new XmlFormatError('bad tag name');
          j++;
        }
        if (j >= n) return lt;
        const nameEnd = j;
        let gt = d === GT ? j : -1;
        while (gt < 0 && j < n) {
          d = b[j] as number;
          if (d === GT) gt = j;
          else if (d === QUOT || d === APOS) {
            const q = b.indexOf(d, j + 1);
            if (q < 0) return lt;
            j = q + 1;
          } else if (d === LT) throw new XmlFormatError('< inside a tag');
          else j++;
        }
        if (gt < 0) return lt;
        if (nameEnd === lt + 1) throw new XmlFormatError('tag without a name');
        if (this.rootClosed) throw new XmlFormatError('element after the root element');
        const selfClosing = b[gt - 1] === SLASH;
        const name = nameAt(b, colon < 0 ? lt + 1 : colon + 1, nameEnd);
        const raw = colon < 0 ? name : b.toString('utf8', lt + 1, nameEnd);
        this.attrs.set(b, nameEnd, selfClosing ? gt - 1 : gt);
        h.open(name, this.attrs);
        if (selfClosing) {
          if (stack.length === 0) this.rootClosed = true;
          h.close(name);
        } else {
          stack.push(raw);
          locals.push(name);
        }
        i = gt + 1;
      }
    }
    return i;
  }

  private text(b: Buffer, from: number, to: number): void {
    if (this.stack.length === 0) {
      // Outside the root element only white space may stand.
      for (let k = from; k < to; k++) if (!isSpace(b[k] as number)) throw new XmlFormatError('text outside the root element');
      return;
    }
    this.h.text(decodeEntities(utf8(b, from, to)));
  }
}

function startsWith(b: Buffer, at: number, ascii: string): boolean {
  if (at + ascii.length > b.length) return false;
  for (let k = 0; k < ascii.length; k++) if (b[at + k] !== ascii.charCodeAt(k)) return false;
  return true;
}
