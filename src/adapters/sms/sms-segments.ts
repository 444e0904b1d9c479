/**
 * Splits a text into SMS segments the way handsets expect: GSM-7 when every character is in the GSM 03.38
 * alphabet (160 septets, or 153 per part when concatenated), UCS-2 otherwise (70, or 67 per part), parts
 * joined by an 8-bit-reference concatenation UDH.
 */
import smpp from 'smpp';

export interface Segment {
  /** 0 = SMSC default alphabet (GSM-7), 8 = UCS-2. */
  dataCoding: 0 | 8;
  text: string;
  /** Concatenation header, absent for a single-part message. */
  udh?: Buffer;
}

const GSM_EXTENDED = new Set([...'^{}\\[~]|€']);

const isGsm7 = (text: string): boolean => smpp.encodings.ASCII.match(text);

function septets(char: string): number {
  return GSM_EXTENDED.has(char) ? 2 : 1;
}

function split(text: string, gsm: boolean, perPart: number): string[] {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of text) {
    const cost = gsm ? septets(char) : char.length;
    if (size + cost > perPart) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += cost;
  }
  if (current) parts.push(current);
  return parts;
}

export function segmentsOf(text: string, reference: number): Segment[] {
  const gsm = isGsm7(text);
  const dataCoding = gsm ? 0 : 8;
  const single = gsm ? 160 : 70;
  const length = gsm ? [...text].reduce((n, c) => n + septets(c), 0) : text.length;
  if (length <= single) return [{ dataCoding, text }];
  const parts = split(text, gsm, gsm ? 153 : 67);
  return parts.map((part, index) => ({
    dataCoding,
    text: part,
    udh: Buffer.from([0x05, 0x00, 0x03, reference & 0xff, parts.length, index + 1]),
  }));
}
