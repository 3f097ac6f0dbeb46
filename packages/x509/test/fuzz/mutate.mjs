// Seeded DER mutations for the robustness tests and the fuzz bench: bit flips, byte changes, truncations,
// length-octet edits at real TLV headers, element deletion, duplication and splicing between certificates.
// Plain JavaScript so bench/fuzz.bench.mjs (run by node without a TypeScript loader) shares it with the tests.

/** mulberry32: a tiny PRNG so every run feeds exactly the same inputs. */
export function prng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Every TLV a tolerant walk finds: [headerStart, lengthOffset, contentStart, end]. */
export function tlvs(bytes, start = 0, end = bytes.length, out = [], depth = 0) {
  let pos = start;
  while (pos + 2 <= end && out.length < 4000) {
    const tag = bytes[pos];
    const lengthAt = pos + 1;
    let length = bytes[lengthAt];
    let content = lengthAt + 1;
    if (length & 0x80) {
      const count = length & 0x7f;
      if (count === 0 || count > 3 || content + count > end) return out;
      length = 0;
      for (let i = 0; i < count; i++) length = length * 256 + bytes[content + i];
      content += count;
    }
    if (content + length > end) return out;
    out.push([pos, lengthAt, content, content + length]);
    // Constructed, or an OCTET/BIT STRING that may wrap DER (extension values, keys).
    if ((tag & 0x20 || tag === 0x04 || tag === 0x03) && depth < 12) tlvs(bytes, tag === 0x03 ? content + 1 : content, content + length, out, depth + 1);
    pos = content + length;
  }
  return out;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/** One mutation of `der` (another DER from the corpus may donate bytes). */
export function mutate(random, der, donor) {
  const pick = (n) => Math.floor(random() * n);
  const bytes = der.slice();
  const elements = tlvs(der);
  const element = elements[pick(elements.length)] ?? [0, 1, 2, der.length];
  switch (pick(9)) {
    case 0:
      for (let i = 0, n = 1 + pick(4); i < n; i++) bytes[pick(bytes.length)] ^= 1 << pick(8);
      return bytes;
    case 1:
      for (let i = 0, n = 1 + pick(4); i < n; i++) bytes[pick(bytes.length)] = pick(256);
      return bytes;
    case 2:
      return bytes.subarray(0, pick(bytes.length));
    case 3: {
      const choices = [pick(256), 0x80, 0x81, 0x82, 0x84, 0x88, 0xff, (bytes[element[1]] + 1) & 0xff, (bytes[element[1]] - 1) & 0xff];
      bytes[element[1]] = choices[pick(choices.length)];
      return bytes;
    }
    case 4:
      // Delete one element (the parents' lengths now lie).
      return concat(der.subarray(0, element[0]), der.subarray(element[3]));
    case 5:
      // Duplicate one element in place.
      return concat(der.subarray(0, element[3]), der.subarray(element[0], element[3]), der.subarray(element[3]));
    case 6: {
      // Replace an element's contents with an element of the donor (lengths of the parents lie too).
      const other = tlvs(donor);
      const [, , s, e] = other[pick(other.length)] ?? [0, 0, 0, donor.length];
      return concat(der.subarray(0, element[2]), donor.subarray(s, e), der.subarray(element[3]));
    }
    case 7: {
      // Change a tag.
      const tags = [0x01, 0x02, 0x03, 0x04, 0x05, 0x06, 0x0c, 0x13, 0x16, 0x17, 0x18, 0x1e, 0x30, 0x31, 0x80, 0xa0, 0xa3, 0x1f];
      bytes[element[0]] = tags[pick(tags.length)];
      return bytes;
    }
    default: {
      // Insert random bytes inside an element.
      const at = element[2] + pick(Math.max(1, element[3] - element[2]));
      const junk = Uint8Array.from({ length: 1 + pick(6) }, () => pick(256));
      return concat(der.subarray(0, at), junk, der.subarray(at));
    }
  }
}
