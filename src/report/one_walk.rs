//! A report written from its Rust types in one walk: the RFC 8785 (JCS)
//! bytes that are hashed and signed, and the pretty text of the file, both
//! produced by the same serde pass, with no `serde_json::Value` between the
//! types and the bytes.
//!
//! The bytes are exactly those of the earlier path (the value built with
//! `serde_json::to_value`, checked by [`super::canonical::check`], written
//! by `serde_json_canonicalizer` for the hash and by
//! [`super::canonical::write_pretty`] for the file); `tests/report_one_walk.rs`
//! compares the two on generated reports, and the golden files did not
//! change.
//!
//! - Members of an object are written where they come; an object whose
//!   members did not come in order (a struct's fields are in declaration
//!   order, an internally tagged enum puts its tag first) is put in order
//!   when it closes by moving its members' already written bytes, once per
//!   such object. JCS orders keys by UTF-16 code units, the pretty file by
//!   UTF-8 bytes (as before): the two differ only for keys mixing characters
//!   from U+E000 up with characters outside the BMP, and each output is
//!   ordered by its own rule.
//! - Strings are escaped by [`super::canonical::write_str`] (the same
//!   escaping as JCS: `"`, `\` and U+0000–U+001F only).
//! - What the canonical form refuses (floats, integers beyond ±(2^53 − 1),
//!   U+007F) stops the walk; the caller then locates the error with
//!   [`super::canonical::check`]. A duplicate key or a map key that is not
//!   a string stops it too, and the caller takes the earlier path.

use std::borrow::Cow;
use std::fmt;

use serde::ser::{self, Serialize};

use sha2::{Digest, Sha256};

use super::canonical::MAX_SAFE_INTEGER;

/// The two forms of one value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    /// RFC 8785 (JCS) bytes.
    pub jcs: Vec<u8>,
    /// Pretty text as in a report file: two spaces per level, starting at
    /// the `level` given to [`write`] (its first line is not indented, its
    /// last ends without a newline).
    pub pretty: String,
}

/// Why the walk stopped.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stopped {
    /// A value without a canonical form (float, huge integer, U+007F).
    NotCanonical,
    /// Something this writer does not write as `serde_json::to_value` would
    /// (duplicate key, map key that is not a string, a `Serialize` error).
    Unsupported(String),
}

impl fmt::Display for Stopped {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Stopped::NotCanonical => f.write_str("value without a canonical form"),
            Stopped::Unsupported(why) => f.write_str(why),
        }
    }
}

impl std::error::Error for Stopped {}

impl ser::Error for Stopped {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Stopped::Unsupported(msg.to_string())
    }
}

/// Writes `value` as JCS bytes and as pretty text at indent `level`, in one
/// walk.
pub fn write<T: Serialize + ?Sized>(value: &T, level: usize) -> Result<Written, Stopped> {
    write_behind(value, level, String::with_capacity(1 << 12))
}

/// [`write`], the pretty text appended to `prefix` (a file's header, so
/// the content is never copied behind it).
pub fn write_behind<T: Serialize + ?Sized>(
    value: &T,
    level: usize,
    prefix: String,
) -> Result<Written, Stopped> {
    let mut w = Walker::new(level, prefix, None, true);
    value.serialize(&mut w)?;
    Ok(Written {
        jcs: w.jcs,
        pretty: w.pretty,
    })
}

/// What [`write_hashed`] gives: the SHA-256 of the JCS bytes, the JCS bytes
/// themselves when asked for, and the pretty text after the given prefix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hashed {
    /// SHA-256 of the RFC 8785 (JCS) bytes.
    pub sha256: [u8; 32],
    /// The JCS bytes (empty unless `keep_jcs` was asked).
    pub jcs: Vec<u8>,
    /// `prefix` followed by the pretty text, as [`Written::pretty`].
    pub pretty: String,
}

/// JCS bytes are hashed in chunks of this size as they are written.
const HASH_CHUNK: usize = 1 << 16;

/// [`write`], hashing the JCS bytes while they are written (and dropping
/// them as they are hashed unless `keep_jcs`), the pretty text appended to
/// `prefix` (the file's header, so the content is never copied behind it).
/// The hash is that of [`write`]'s `jcs`. The report types declare their
/// fields in key order (`tests/report_one_walk.rs` keeps them so), so
/// nothing is moved; an object whose keys come out of order all the same
/// (a tag written first) is held back from the hash until it is put in
/// order. Should bytes already hashed need moving all the same, the value
/// is written again the unhashed way, with the same result.
pub fn write_hashed<T: Serialize + ?Sized>(
    value: &T,
    level: usize,
    prefix: String,
    keep_jcs: bool,
) -> Result<Hashed, Stopped> {
    let prefix_len = prefix.len();
    let mut w = Walker::new(level, prefix, Some(Sha256::new()), keep_jcs);
    match value.serialize(&mut w) {
        Ok(()) => {
            w.hash_written();
            let sha256 = w
                .hasher
                .take()
                .map(|h| h.finalize().into())
                .unwrap_or_default();
            Ok(Hashed {
                sha256,
                jcs: if keep_jcs { w.jcs } else { Vec::new() },
                pretty: w.pretty,
            })
        }
        Err(_) if w.late_reorder => {
            let mut pretty = w.pretty;
            pretty.truncate(prefix_len);
            let written = write(value, level)?;
            pretty.push_str(&written.pretty);
            Ok(Hashed {
                sha256: Sha256::digest(&written.jcs).into(),
                jcs: if keep_jcs { written.jcs } else { Vec::new() },
                pretty,
            })
        }
        Err(e) => Err(e),
    }
}

/// The objects of `value` whose members the walk had to put in order, each
/// as its keys in the order they came. A report type should have none
/// (its fields declared in key order): nothing is moved, and the JCS bytes
/// can be hashed while they are written. For tests.
pub fn reordered_objects<T: Serialize + ?Sized>(value: &T) -> Result<Vec<Vec<String>>, Stopped> {
    let mut w = Walker::new(0, String::new(), None, true);
    w.reordered = Some(Vec::new());
    value.serialize(&mut w)?;
    Ok(w.reordered.unwrap_or_default())
}

/// A member written in the current objects: its key and where its bytes
/// are in each output (from its separator's end to its value's end; the
/// pretty range starts at its indent).
struct Member {
    key: Cow<'static, str>,
    jcs: (usize, usize),
    pretty: (usize, usize),
}

struct Walker {
    /// JCS bytes not yet hashed and dropped: `jcs[0]` is byte `jcs_base`
    /// of the whole JCS output (member ranges are in whole-output
    /// positions).
    jcs: Vec<u8>,
    jcs_base: usize,
    /// Hashes the JCS bytes as they are written ([`write_hashed`]).
    hasher: Option<Sha256>,
    /// Whole-output position up to which the JCS bytes were hashed.
    hashed: usize,
    /// Whether hashed bytes are kept.
    keep_jcs: bool,
    /// An object had to be put in order over bytes already hashed.
    late_reorder: bool,
    /// Where the open objects whose keys came out of order start in the
    /// JCS output, outermost first: they will be put in order when they
    /// close, so their bytes are not hashed before.
    holds: Vec<usize>,
    /// The key lists of objects put in order, when asked
    /// ([`reordered_objects`]).
    reordered: Option<Vec<Vec<String>>>,
    pretty: String,
    /// Members of every object being written, innermost last.
    members: Vec<Member>,
    /// Indent level of the value being written.
    level: usize,
    /// Reused when members are put in order.
    scratch: Vec<u8>,
}

fn indent(out: &mut String, n: usize) {
    const SPACES: &str = "                                                                ";
    let mut left = 2 * n;
    while left > 0 {
        let take = left.min(SPACES.len());
        out.push_str(&SPACES[..take]);
        left -= take;
    }
}

fn check_str(s: &str) -> Result<(), Stopped> {
    if s.contains('\u{7f}') {
        Err(Stopped::NotCanonical)
    } else {
        Ok(())
    }
}

/// An open array or object: where its members start on the stack, whether
/// one was written, and the level of its brackets.
struct Open<'a> {
    w: &'a mut Walker,
    frame: usize,
    first: bool,
    level: usize,
    /// Where the bracket is in the JCS output.
    jcs_start: usize,
    /// Every key so far is ASCII and came after the one before it, so the
    /// object is already in both orders (UTF-16 and UTF-8 agree on ASCII).
    sorted: bool,
}

impl Walker {
    fn new(level: usize, pretty: String, hasher: Option<Sha256>, keep_jcs: bool) -> Self {
        Walker {
            jcs: Vec::with_capacity(if hasher.is_some() && !keep_jcs {
                2 * HASH_CHUNK
            } else {
                1 << 12
            }),
            jcs_base: 0,
            hasher,
            hashed: 0,
            keep_jcs,
            late_reorder: false,
            holds: Vec::new(),
            reordered: None,
            pretty,
            members: Vec::with_capacity(64),
            level,
            scratch: Vec::new(),
        }
    }

    /// Position in the whole JCS output.
    fn jcs_pos(&self) -> usize {
        self.jcs_base + self.jcs.len()
    }

    /// Feeds the JCS bytes written since the last call to the hasher, up
    /// to the first object still to be put in order, and drops them unless
    /// they are kept.
    fn hash_written(&mut self) {
        let upto = self.holds.first().copied().unwrap_or(self.jcs_pos());
        if let Some(h) = &mut self.hasher {
            if upto <= self.hashed {
                return;
            }
            h.update(&self.jcs[self.hashed - self.jcs_base..upto - self.jcs_base]);
            self.hashed = upto;
            if !self.keep_jcs {
                self.jcs.drain(..upto - self.jcs_base);
                self.jcs_base = upto;
            }
        }
    }

    fn both(&mut self, s: &str) {
        self.jcs.extend_from_slice(s.as_bytes());
        self.pretty.push_str(s);
    }

    fn string(&mut self, s: &str) -> Result<(), Stopped> {
        check_str(s)?;
        self.escaped(s);
        Ok(())
    }

    /// `s` escaped once into the pretty output and copied to the JCS one.
    fn escaped(&mut self, s: &str) {
        let start = self.pretty.len();
        super::canonical::write_str(s, &mut self.pretty);
        self.jcs.extend_from_slice(&self.pretty.as_bytes()[start..]);
    }

    fn integer(&mut self, magnitude: u128, negative: bool) -> Result<(), Stopped> {
        if magnitude > u128::from(MAX_SAFE_INTEGER) {
            return Err(Stopped::NotCanonical);
        }
        let mut buf = itoa::Buffer::new();
        let digits = buf.format(magnitude);
        if negative && magnitude != 0 {
            self.both("-");
        }
        self.both(digits);
        Ok(())
    }

    fn open(&mut self, bracket: &str) -> Open<'_> {
        let jcs_start = self.jcs_pos();
        self.both(bracket);
        let level = self.level;
        Open {
            jcs_start,
            frame: self.members.len(),
            first: true,
            level,
            sorted: true,
            w: self,
        }
    }
}

impl<'a> Open<'a> {
    /// Separator and indent before an element or member.
    fn next(&mut self) {
        let w = &mut *self.w;
        if w.hasher.is_some() && w.jcs_pos() - w.hashed >= HASH_CHUNK {
            w.hash_written();
        }
        if self.first {
            w.pretty.push('\n');
        } else {
            w.both(",");
            w.pretty.push('\n');
        }
        self.first = false;
    }

    fn element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        self.next();
        indent(&mut self.w.pretty, self.level + 1);
        self.w.level = self.level + 1;
        value.serialize(&mut *self.w)
    }

    fn close_array(self) -> &'a mut Walker {
        let w = self.w;
        if !self.first {
            w.pretty.push('\n');
            indent(&mut w.pretty, self.level);
        }
        w.both("]");
        w.level = self.level;
        w
    }

    fn key(&mut self, key: Cow<'static, str>) -> Result<(), Stopped> {
        check_str(&key)?;
        self.next();
        let w = &mut *self.w;
        if self.sorted {
            self.sorted = key.is_ascii()
                && w.members[self.frame..]
                    .last()
                    .is_none_or(|prev| prev.key.as_bytes() < key.as_bytes());
            if !self.sorted {
                // The innermost open object: every object inside it is
                // closed, so the holds stay outermost first.
                w.holds.push(self.jcs_start);
            }
        }
        let jcs_start = w.jcs_pos();
        let pretty_start = w.pretty.len();
        indent(&mut w.pretty, self.level + 1);
        w.escaped(&key);
        w.jcs.push(b':');
        w.pretty.push_str(": ");
        w.members.push(Member {
            key,
            jcs: (jcs_start, 0),
            pretty: (pretty_start, 0),
        });
        w.level = self.level + 1;
        Ok(())
    }

    fn value_done(&mut self) {
        let w = &mut *self.w;
        let (jcs_end, pretty_end) = (w.jcs_pos(), w.pretty.len());
        if let Some(m) = w.members.last_mut() {
            m.jcs.1 = jcs_end;
            m.pretty.1 = pretty_end;
        }
    }

    fn member<T: Serialize + ?Sized>(
        &mut self,
        key: Cow<'static, str>,
        value: &T,
    ) -> Result<(), Stopped> {
        self.key(key)?;
        value.serialize(&mut *self.w)?;
        self.value_done();
        Ok(())
    }

    fn close_object(self) -> Result<&'a mut Walker, Stopped> {
        let w = self.w;
        if w.members.len() > self.frame {
            if !self.sorted {
                w.holds.pop();
                put_in_order(w, self.frame)?;
            }
            w.members.truncate(self.frame);
            w.pretty.push('\n');
            indent(&mut w.pretty, self.level);
        }
        w.both("}");
        w.level = self.level;
        Ok(w)
    }
}

/// The members of the object whose members start at `frame` on the stack,
/// which did not all come in order, put in order in both outputs.
fn put_in_order(w: &mut Walker, frame: usize) -> Result<(), Stopped> {
    let members = &w.members[frame..];
    // UTF-16 and UTF-8 orders differ only for keys with characters
    // from U+E000 up; report keys are ASCII, ordered once for both.
    let utf8 = order(members, |a, b| a.as_bytes().cmp(b.as_bytes()))?;
    let utf16 = if members.iter().all(|m| m.key.is_ascii()) {
        utf8.clone()
    } else {
        order(members, |a, b| a.encode_utf16().cmp(b.encode_utf16()))?
    };
    if utf8.is_none() && utf16.is_none() {
        return Ok(());
    }
    if let Some(seen) = &mut w.reordered {
        seen.push(members.iter().map(|m| m.key.to_string()).collect());
    }
    if let Some(order) = utf16 {
        let base = w.jcs_base;
        if let Some((lo, _)) = moved(&order) {
            if members[lo].jcs.0 < w.hashed {
                // Bytes already hashed: [`write_hashed`] writes it again.
                w.late_reorder = true;
                return Err(Stopped::Unsupported("reordered after hashing".into()));
            }
        }
        reorder(
            &mut w.jcs,
            &mut w.scratch,
            members,
            &order,
            |m| (m.jcs.0 - base, m.jcs.1 - base),
            b",",
        );
    }
    if let Some(order) = utf8 {
        if let Some((lo, hi)) = moved(&order) {
            // As `reorder`, on text: members start and end at character
            // boundaries.
            let mut text = String::with_capacity(members[hi].pretty.1 - members[lo].pretty.0);
            for (i, &m) in order[lo..=hi].iter().enumerate() {
                if i > 0 {
                    text.push_str(",\n");
                }
                let (a, b) = members[m].pretty;
                text.push_str(&w.pretty[a..b]);
            }
            w.pretty
                .replace_range(members[lo].pretty.0..members[hi].pretty.1, &text);
        }
    }
    Ok(())
}

/// The members `reorder` moves: from the first out of its place to the
/// last, if any.
fn moved(order: &[usize]) -> Option<(usize, usize)> {
    let lo = order.iter().enumerate().position(|(i, &m)| i != m)?;
    let hi = order
        .iter()
        .enumerate()
        .rposition(|(i, &m)| i != m)
        .unwrap_or(lo);
    Some((lo, hi))
}

/// `None` when the members are already in order by `cmp`; otherwise the
/// order to write them in. A duplicate key stops the walk.
fn order(
    members: &[Member],
    cmp: impl Fn(&str, &str) -> std::cmp::Ordering,
) -> Result<Option<Vec<usize>>, Stopped> {
    let in_order = members
        .windows(2)
        .all(|p| cmp(&p[0].key, &p[1].key) == std::cmp::Ordering::Less);
    if in_order {
        return Ok(None);
    }
    let mut idx: Vec<usize> = (0..members.len()).collect();
    idx.sort_by(|&a, &b| cmp(&members[a].key, &members[b].key));
    if idx
        .windows(2)
        .any(|p| cmp(&members[p[0]].key, &members[p[1]].key) == std::cmp::Ordering::Equal)
    {
        return Err(Stopped::Unsupported("duplicate key".into()));
    }
    Ok(Some(idx))
}

/// Puts `members` (each range as `range` gives it, separated by `sep`) of
/// `out` in `order`. Members already in their place at either end are not
/// moved: permuting the others keeps their span's length (the separators
/// are all alike), so only that span is rewritten, in place, and the ranges
/// of enclosing objects stay valid. (A struct's largest member, often its
/// last, thus stays where it was written.)
fn reorder(
    out: &mut [u8],
    scratch: &mut Vec<u8>,
    members: &[Member],
    order: &[usize],
    range: impl Fn(&Member) -> (usize, usize),
    sep: &[u8],
) {
    let Some((lo, hi)) = moved(order) else {
        return;
    };
    let start = range(&members[lo]).0;
    let end = range(&members[hi]).1;
    scratch.clear();
    for (i, &m) in order[lo..=hi].iter().enumerate() {
        if i > 0 {
            scratch.extend_from_slice(sep);
        }
        let (a, b) = range(&members[m]);
        scratch.extend_from_slice(&out[a..b]);
    }
    out[start..end].copy_from_slice(scratch);
}

/// An object opened for a variant (`{"Variant": …}`): the outer object and
/// the inner array or object.
struct Variant<'a> {
    outer_frame: usize,
    outer_level: usize,
    outer_jcs_start: usize,
    outer_sorted: bool,
    inner: Open<'a>,
}

impl<'a> Variant<'a> {
    fn open(w: &'a mut Walker, variant: &'static str, bracket: &str) -> Result<Self, Stopped> {
        let mut outer = w.open("{");
        let (outer_frame, outer_level, outer_jcs_start) =
            (outer.frame, outer.level, outer.jcs_start);
        outer.key(Cow::Borrowed(variant))?;
        let outer_sorted = outer.sorted;
        let inner = outer.w.open(bracket);
        Ok(Variant {
            outer_frame,
            outer_level,
            outer_jcs_start,
            outer_sorted,
            inner,
        })
    }

    fn close(self, array: bool) -> Result<(), Stopped> {
        let w = if array {
            self.inner.close_array()
        } else {
            self.inner.close_object()?
        };
        let mut outer = Open {
            w,
            frame: self.outer_frame,
            first: false,
            level: self.outer_level,
            jcs_start: self.outer_jcs_start,
            sorted: self.outer_sorted,
        };
        outer.value_done();
        outer.close_object().map(|_| ())
    }
}

/// Map keys as `serde_json::to_value` accepts them: strings, and numbers,
/// booleans, characters and unit variants written as strings.
struct KeyOf;

macro_rules! key_display {
    ($($f:ident: $t:ty),*) => {
        $(fn $f(self, v: $t) -> Result<Self::Ok, Stopped> {
            Ok(Cow::Owned(v.to_string()))
        })*
    };
}

macro_rules! key_refused {
    ($($f:ident($($a:ty),*)),*) => {
        $(fn $f(self, $(_: $a),*) -> Result<Self::Ok, Stopped> {
            Err(Stopped::Unsupported("map key is not a string".into()))
        })*
    };
}

impl ser::Serializer for KeyOf {
    type Ok = Cow<'static, str>;
    type Error = Stopped;
    type SerializeSeq = ser::Impossible<Self::Ok, Stopped>;
    type SerializeTuple = ser::Impossible<Self::Ok, Stopped>;
    type SerializeTupleStruct = ser::Impossible<Self::Ok, Stopped>;
    type SerializeTupleVariant = ser::Impossible<Self::Ok, Stopped>;
    type SerializeMap = ser::Impossible<Self::Ok, Stopped>;
    type SerializeStruct = ser::Impossible<Self::Ok, Stopped>;
    type SerializeStructVariant = ser::Impossible<Self::Ok, Stopped>;

    key_display!(
        serialize_bool: bool, serialize_i8: i8, serialize_i16: i16, serialize_i32: i32,
        serialize_i64: i64, serialize_i128: i128, serialize_u8: u8, serialize_u16: u16,
        serialize_u32: u32, serialize_u64: u64, serialize_u128: u128, serialize_char: char
    );
    key_refused!(
        serialize_f32(f32),
        serialize_f64(f64),
        serialize_bytes(&[u8]),
        serialize_none(),
        serialize_unit(),
        serialize_unit_struct(&'static str)
    );

    fn serialize_str(self, v: &str) -> Result<Self::Ok, Stopped> {
        Ok(Cow::Owned(v.to_owned()))
    }
    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<Self::Ok, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<Self::Ok, Stopped> {
        Ok(Cow::Borrowed(variant))
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<Self::Ok, Stopped> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Self::Ok, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Stopped> {
        Err(Stopped::Unsupported("map key is not a string".into()))
    }
}

impl<'a> ser::Serializer for &'a mut Walker {
    type Ok = ();
    type Error = Stopped;
    type SerializeSeq = Open<'a>;
    type SerializeTuple = Open<'a>;
    type SerializeTupleStruct = Open<'a>;
    type SerializeTupleVariant = Variant<'a>;
    type SerializeMap = Open<'a>;
    type SerializeStruct = Open<'a>;
    type SerializeStructVariant = Variant<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Stopped> {
        self.both(if v { "true" } else { "false" });
        Ok(())
    }
    fn serialize_i8(self, v: i8) -> Result<(), Stopped> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i16(self, v: i16) -> Result<(), Stopped> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i32(self, v: i32) -> Result<(), Stopped> {
        self.serialize_i64(i64::from(v))
    }
    fn serialize_i64(self, v: i64) -> Result<(), Stopped> {
        self.integer(u128::from(v.unsigned_abs()), v < 0)
    }
    fn serialize_i128(self, v: i128) -> Result<(), Stopped> {
        self.integer(v.unsigned_abs(), v < 0)
    }
    fn serialize_u8(self, v: u8) -> Result<(), Stopped> {
        self.integer(u128::from(v), false)
    }
    fn serialize_u16(self, v: u16) -> Result<(), Stopped> {
        self.integer(u128::from(v), false)
    }
    fn serialize_u32(self, v: u32) -> Result<(), Stopped> {
        self.integer(u128::from(v), false)
    }
    fn serialize_u64(self, v: u64) -> Result<(), Stopped> {
        self.integer(u128::from(v), false)
    }
    fn serialize_u128(self, v: u128) -> Result<(), Stopped> {
        self.integer(v, false)
    }
    fn serialize_f32(self, _: f32) -> Result<(), Stopped> {
        Err(Stopped::NotCanonical)
    }
    fn serialize_f64(self, _: f64) -> Result<(), Stopped> {
        Err(Stopped::NotCanonical)
    }
    fn serialize_char(self, v: char) -> Result<(), Stopped> {
        self.string(v.encode_utf8(&mut [0; 4]))
    }
    fn serialize_str(self, v: &str) -> Result<(), Stopped> {
        self.string(v)
    }
    fn serialize_bytes(self, v: &[u8]) -> Result<(), Stopped> {
        // As serde_json's value: an array of numbers.
        let mut seq = self.open("[");
        for b in v {
            seq.element(b)?;
        }
        seq.close_array();
        Ok(())
    }
    fn serialize_none(self) -> Result<(), Stopped> {
        self.both("null");
        Ok(())
    }
    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Stopped> {
        value.serialize(self)
    }
    fn serialize_unit(self) -> Result<(), Stopped> {
        self.serialize_none()
    }
    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Stopped> {
        self.serialize_none()
    }
    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Stopped> {
        self.string(variant)
    }
    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Stopped> {
        value.serialize(self)
    }
    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Stopped> {
        let mut obj = self.open("{");
        obj.member(Cow::Borrowed(variant), value)?;
        obj.close_object().map(|_| ())
    }
    fn serialize_seq(self, _: Option<usize>) -> Result<Open<'a>, Stopped> {
        Ok(self.open("["))
    }
    fn serialize_tuple(self, _: usize) -> Result<Open<'a>, Stopped> {
        Ok(self.open("["))
    }
    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Open<'a>, Stopped> {
        Ok(self.open("["))
    }
    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'a>, Stopped> {
        Variant::open(self, variant, "[")
    }
    fn serialize_map(self, _: Option<usize>) -> Result<Open<'a>, Stopped> {
        Ok(self.open("{"))
    }
    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Open<'a>, Stopped> {
        Ok(self.open("{"))
    }
    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Variant<'a>, Stopped> {
        Variant::open(self, variant, "{")
    }
}

impl ser::SerializeSeq for Open<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        self.element(value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close_array();
        Ok(())
    }
}

impl ser::SerializeTuple for Open<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        self.element(value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close_array();
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Open<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        self.element(value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close_array();
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Variant<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        self.inner.element(value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close(true)
    }
}

impl ser::SerializeMap for Open<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Stopped> {
        let key = key.serialize(KeyOf)?;
        self.key(key)
    }
    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Stopped> {
        value.serialize(&mut *self.w)?;
        self.value_done();
        Ok(())
    }
    fn end(self) -> Result<(), Stopped> {
        self.close_object().map(|_| ())
    }
}

impl ser::SerializeStruct for Open<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stopped> {
        self.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close_object().map(|_| ())
    }
}

impl ser::SerializeStructVariant for Variant<'_> {
    type Ok = ();
    type Error = Stopped;
    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Stopped> {
        self.inner.member(Cow::Borrowed(key), value)
    }
    fn end(self) -> Result<(), Stopped> {
        self.close(false)
    }
}
