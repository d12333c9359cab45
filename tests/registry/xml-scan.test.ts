import { describe, expect, it } from 'vitest';
import { decodeEntities, XmlFormatError, XmlScanner } from '../../src/registry/xml-scan';

/** The events of a document fed in the given pieces of its UTF-8 bytes; text pieces of one node joined. */
function events(pieces: (string | Uint8Array)[]): string[] {
  const out: string[] = [];
  const s = new XmlScanner({
    open: (name, attrs) => out.push(`<${name} ${JSON.stringify(attrs.all())}`),
    close: (name) => out.push(`</${name}`),
    text: (t) => {
      const last = out.length - 1;
      if (out[last]?.startsWith('"')) out[last] = JSON.stringify(JSON.parse(out[last] as string) + t);
      else out.push(JSON.stringify(t));
    },
  });
  for (const p of pieces) s.write(typeof p === 'string' ? Buffer.from(p, 'utf8') : p);
  s.end();
  return out;
}

const DOC =
  '\uFEFF<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<!-- 开头的注释 -->\n' +
  '<x:worksheet xmlns:x="urn:main" a=\'单引号 "内含" 双引号\' b = "x > y &amp; &#x4E34;&#27774;">' +
  '<x:sheetData><x:row r="1"><x:c r="A1" t="str"><x:v>临汾&lt;矿业&gt;</x:v></x:c><x:c r="B1"/>' +
  '<x:c r="C1" t="inlineStr"><x:is><x:t xml:space="preserve"> 😀 𠀀 </x:t></x:is></x:c></x:row></x:sheetData>' +
  '<x:v><![CDATA[<a> & ]]>尾</x:v><?pi data?></x:worksheet>\n';

describe('XmlScanner', () => {
  it('reads elements, attributes in either quotes, entities, CDATA, comments and processing instructions', () => {
    const whole = events([DOC.replace('\uFEFF', '')]);
    expect(whole).toEqual([
      `<worksheet ${JSON.stringify({ 'xmlns:x': 'urn:main', a: '单引号 "内含" 双引号', b: 'x > y & 临汾' })}`,
      '<sheetData {}',
      `<row ${JSON.stringify({ r: '1' })}`,
      `<c ${JSON.stringify({ r: 'A1', t: 'str' })}`,
      '<v {}',
      '"临汾<矿业>"',
      '</v',
      '</c',
      `<c ${JSON.stringify({ r: 'B1' })}`,
      '</c',
      `<c ${JSON.stringify({ r: 'C1', t: 'inlineStr' })}`,
      '<is {}',
      `<t ${JSON.stringify({ 'xml:space': 'preserve' })}`,
      '" 😀 𠀀 "',
      '</t',
      '</is',
      '</c',
      '</row',
      '</sheetData',
      '<v {}',
      '"<a> & 尾"',
      '</v',
      '</worksheet',
    ]);
  });

  it('gives the same events however the bytes are cut into pieces, also inside a character', () => {
    const bytes = Buffer.from(DOC, 'utf8');
    const whole = events([DOC.replace('\uFEFF', '')]);
    expect(events([bytes])).toEqual(whole); // the byte order mark is skipped
    // every cut in two, and cuts into pieces of every small size
    for (let i = 1; i < bytes.length; i++) expect(events([bytes.subarray(0, i), bytes.subarray(i)]), `cut at ${i}`).toEqual(whole);
    for (let size = 1; size <= 7; size++) {
      const pieces: Uint8Array[] = [];
      for (let i = 0; i < bytes.length; i += size) pieces.push(bytes.subarray(i, i + size));
      expect(events(pieces), `pieces of ${size}`).toEqual(whole);
    }
  });

  it('refuses broken documents', () => {
    for (const doc of [
      '<a><b></a>',
      '<a></b>',
      '</a>',
      '<a>',
      '<a/><b/>',
      'text<a/>',
      '<a>&nbsp;</a>',
      '<a>AT&T</a>',
      '<a>&#xZZ;</a>',
      '<a b="1></a>',
      '<a b=1></a>',
      '<a b></a>',
      '<!DOCTYPE a><a/>',
      '<a x="1" <b/></a>',
      '',
      '<a><!-- not closed </a>',
    ]) {
      expect(() => events([doc]), doc).toThrow(XmlFormatError);
    }
  });

  it('gives up on a construct that never ends instead of buffering the whole file', () => {
    const s = new XmlScanner({ open: () => undefined, close: () => undefined, text: () => undefined });
    s.write(Buffer.from('<a><!-- '));
    const chunk = Buffer.alloc(1 << 20, 0x78);
    expect(() => {
      for (let i = 0; i < 20; i++) s.write(chunk);
    }).toThrow(XmlFormatError);
  });

  it('attributes: one by its name as written, all of them, byte offsets of a value', () => {
    const seen: Record<string, unknown>[] = [];
    const s = new XmlScanner({
      open: (name, a) => {
        seen.push({ name, s: a.get('s'), id: a.get('id'), rid: a.get('r:id'), all: a.all(), empty: a.empty });
        a.reset();
        while (a.next()) if (a.nameLength === 1 && a.nameByte(0) === 0x72) seen.push({ r: a.bytes.toString('utf8', a.valueStart, a.valueEnd), entity: a.valueHasEntity });
      },
      close: () => undefined,
      text: () => undefined,
    });
    s.write(Buffer.from('<x:c r="A1" s="2" t="s" r:id="rId1"><d t="s" s=\'3\'/><e  r = "&lt;" /></x:c>'));
    s.end();
    expect(seen).toEqual([
      { name: 'c', s: '2', id: undefined, rid: 'rId1', all: { r: 'A1', s: '2', t: 's', 'r:id': 'rId1' }, empty: false },
      { r: 'A1', entity: false },
      { name: 'd', s: '3', id: undefined, rid: undefined, all: { t: 's', s: '3' }, empty: false },
      { name: 'e', s: undefined, id: undefined, rid: undefined, all: { r: '<' }, empty: false },
      { r: '&lt;', entity: true },
    ]);
  });

  it('decodeEntities(): the five entities and character references, nothing else', () => {
    expect(decodeEntities('&lt;&gt;&amp;&quot;&apos;&#65;&#x1F600;')).toBe('<>&"\'A😀');
    expect(decodeEntities('&amp;lt;')).toBe('&lt;');
    expect(() => decodeEntities('&#x110000;')).toThrow(XmlFormatError);
  });
});
