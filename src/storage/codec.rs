//! The encoding of a stored value under the envelope (issue #14: room for
//! years of work in the browser's 5,242,880 UTF-16 units).
//!
//! A value is stored either as its plain JSON envelope (starts with `{`, as
//! every value written before this encoding), or compressed:
//! [`COMPRESSED_PREFIX`], one letter giving the padding bits of the last
//! unit, then the zlib stream (deflate with an Adler-32 check, so a damaged
//! value is refused rather than read wrong) packed 15 bits per UTF-16 code
//! unit at U+0020..U+801F. That range holds no surrogate, so the string is
//! valid UTF-16 and no browser can mangle it; 15 bits a unit is as dense as
//! a surrogate-free packing of a code unit gets.
//!
//! [`encode_stored`] compresses only when that is smaller (tiny values like
//! the settings stay plain and readable). [`decode_stored`] is the one
//! entry point from stored text to the envelope's JSON: everything that
//! parses a stored value goes through it (`envelope::parse`), and what it
//! cannot decode is reported corrupt, so the existing quarantine keeps the
//! exact stored text. Stored text itself (never its decoding) is what the
//! revision checks, the two-tab digests, the journal and the usage figures
//! compare and count: the compressor is deterministic, so one JSON always
//! gives the same stored text.
//!
//! The encoding is not a schema version: the envelope and its `data` are
//! unchanged inside. Its own version is the `1` of the prefix; a later
//! encoding takes another prefix and this decoder stays.

use std::borrow::Cow;

use super::record::CorruptReason;

/// Marks a compressed value (`kz` for KiểmTra zlib, encoding version 1).
/// Never the start of JSON, nor of the escaped stand-in of `kv`.
pub const COMPRESSED_PREFIX: &str = "kz1:";

/// Values shorter than this (UTF-8 bytes of JSON) are stored plain: below
/// it the saving is a few units and the value stays readable in the
/// browser's tools.
pub const MIN_COMPRESS_BYTES: usize = 512;

/// The largest decompressed value accepted, in bytes. A value stored plain
/// can be at most the quota (5,242,880 units, 3 UTF-8 bytes each at most),
/// 15.7 MB; a compressed value claiming more is hostile or damaged and is
/// refused before it is allocated. The encoder stores larger values plain.
pub const MAX_DECOMPRESSED_BYTES: usize = 16 * 1024 * 1024;

/// zlib level: 6 (the usual default) was as small as 9 on the benchmark's
/// records within 1 % and faster (README, "Compressed stored values").
const LEVEL: u8 = 6;

/// First code unit of the packing; 0x20 + 0x7FFF = 0x801F stays below the
/// surrogates (0xD800).
const BASE: u32 = 0x20;

/// Whether `raw` is in the compressed encoding (whatever its state).
pub fn is_compressed(raw: &str) -> bool {
    raw.starts_with(COMPRESSED_PREFIX)
}

/// The text to store for the envelope `json`: compressed when that takes
/// fewer UTF-16 units, else `json` itself.
pub fn encode_stored(json: String) -> String {
    if json.len() < MIN_COMPRESS_BYTES || json.len() > MAX_DECOMPRESSED_BYTES {
        return json;
    }
    let packed = compress(&json);
    // Packed units are one `char` each; JSON's count is its UTF-16 units.
    if packed.chars().count() < json.encode_utf16().count() {
        packed
    } else {
        json
    }
}

/// The envelope JSON of the stored text `raw`: `raw` itself when it is
/// plain, its decompression when it is compressed. A compressed value that
/// does not decompress (damaged, truncated, too large, not UTF-8) is an
/// `Envelope` error, so a load quarantines it like any unreadable value.
pub fn decode_stored(raw: &str) -> Result<Cow<'_, str>, CorruptReason> {
    let Some(body) = raw.strip_prefix(COMPRESSED_PREFIX) else {
        return Ok(Cow::Borrowed(raw));
    };
    decompress(body)
        .map(Cow::Owned)
        .map_err(|why| CorruptReason::Envelope {
            message: format!("compressed value: {why}"),
        })
}

/// The text a user downloads for a stored value (quarantine, migration
/// backups): its JSON when it decodes, else the exact stored text.
pub fn readable_text(raw: &str) -> Cow<'_, str> {
    decode_stored(raw).unwrap_or(Cow::Borrowed(raw))
}

fn compress(json: &str) -> String {
    let bytes = miniz_oxide::deflate::compress_to_vec_zlib(json.as_bytes(), LEVEL);
    let total_bits = bytes.len() * 8;
    let pad = (15 - total_bits % 15) % 15;
    let mut out = String::with_capacity(COMPRESSED_PREFIX.len() + 1 + total_bits.div_ceil(15) * 3);
    out.push_str(COMPRESSED_PREFIX);
    out.push(char::from(b'a' + pad as u8));
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for &b in &bytes {
        acc = (acc << 8) | u32::from(b);
        bits += 8;
        if bits >= 15 {
            bits -= 15;
            push_unit(&mut out, (acc >> bits) & 0x7FFF);
            acc &= (1 << bits) - 1;
        }
    }
    if bits > 0 {
        push_unit(&mut out, (acc << (15 - bits)) & 0x7FFF);
    }
    out
}

fn push_unit(out: &mut String, v: u32) {
    // Always in U+0020..U+801F, never a surrogate: `from_u32` cannot fail.
    if let Some(c) = char::from_u32(BASE + v) {
        out.push(c);
    }
}

fn decompress(body: &str) -> Result<String, String> {
    let mut chars = body.chars();
    let pad = match chars.next() {
        Some(c @ 'a'..='o') => c as u32 - 'a' as u32,
        _ => return Err("no padding mark".to_string()),
    };
    let units = chars.as_str();
    let n_units = units.chars().count();
    let total_bits = (n_units * 15)
        .checked_sub(pad as usize)
        .ok_or("shorter than its padding")?;
    if total_bits % 8 != 0 {
        return Err("not a whole number of bytes".to_string());
    }
    let mut bytes = Vec::with_capacity(total_bits / 8);
    let mut acc: u32 = 0;
    let mut bits = 0u32;
    for c in units.chars() {
        let v = (c as u32)
            .checked_sub(BASE)
            .filter(|v| *v <= 0x7FFF)
            .ok_or("a character outside the packing")?;
        acc = (acc << 15) | v;
        bits += 15;
        while bits >= 8 {
            bits -= 8;
            bytes.push((acc >> bits) as u8);
        }
        acc &= (1 << bits) - 1;
    }
    bytes.truncate(total_bits / 8);
    let inflated =
        miniz_oxide::inflate::decompress_to_vec_zlib_with_limit(&bytes, MAX_DECOMPRESSED_BYTES)
            .map_err(|e| match e.status {
                miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                    format!("larger than {MAX_DECOMPRESSED_BYTES} bytes")
                }
                s => format!("zlib stream does not inflate ({s:?})"),
            })?;
    String::from_utf8(inflated).map_err(|_| "not UTF-8 text".to_string())
}
