//! One NMEA 0183 sentence: `!AIVDM,count,number,seq,channel,payload,fill*hh`
//! (any talker, VDM or VDO), other `$`/`!` sentences recognised only far
//! enough to validate and skip them, and the USCG receiver trailer
//! (`…*hh,rSTATION,…,1325394060`) some archives append after the checksum.

use super::{gatehouse, scan};
use crate::DecodeError;

/// One AIS fragment as it appears in a VDM/VDO sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fragment<'a> {
    pub talker: &'a str,
    /// `VDO`: the receiver's own ship, not another station.
    pub own_ship: bool,
    pub count: u8,
    pub number: u8,
    pub sequence_id: Option<u8>,
    pub channel: Option<char>,
    pub payload: &'a str,
    pub fill_bits: u8,
    /// Receiver station from a USCG trailer (`r…`/`b…`).
    pub station: Option<&'a str>,
    /// Receiver time (Unix seconds) from a USCG trailer.
    pub received_at: Option<i64>,
}

/// What a sentence (the text after any tag block) turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Sentence<'a> {
    Ais(Fragment<'a>),
    /// A Gatehouse `$PGHP,1,…` timestamp for the sentence that follows.
    Gatehouse(i64),
    /// A well-formed NMEA sentence that carries no AIS (GGA, MWV…).
    Other,
}

/// Parses `!…*hh` or `$…*hh`, checking the checksum.
pub fn parse(text: &str) -> Result<Sentence<'_>, DecodeError> {
    let text = text.trim_end_matches(['\r', '\n']);
    let Some(rest) = text.strip_prefix(['!', '$']) else {
        return Err(not_nmea(text));
    };
    // `*` is ASCII, so the byte search cuts on a character boundary.
    let Some(star) = memchr::memchr(b'*', rest.as_bytes()) else {
        return Err(DecodeError::MissingChecksum { line: 0 });
    };
    let (body, after) = (&rest[..star], &rest[star + 1..]);
    let hex_len = after
        .bytes()
        .take(2)
        .take_while(u8::is_ascii_hexdigit)
        .count();
    let (hex, trailer) = after.split_at(hex_len);
    if !(trailer.is_empty() || trailer.starts_with(',')) {
        return Err(DecodeError::MissingChecksum { line: 0 });
    }
    let expected = parse_hex_checksum(hex).ok_or(DecodeError::MissingChecksum { line: 0 })?;
    let computed = checksum(body);
    if expected != computed {
        return Err(DecodeError::BadChecksum {
            line: 0,
            expected,
            computed,
        });
    }
    let address = fields(body, b',').next().unwrap_or_default();
    if address == "PGHP" {
        let fields: Vec<&str> = body.split(',').collect();
        return Ok(gatehouse::parse(&fields)?.map_or(Sentence::Other, Sentence::Gatehouse));
    }
    let own_ship = match address.get(2..) {
        Some("VDM") => false,
        Some("VDO") => true,
        _ if address.len() >= 3 && address.bytes().all(|b| b.is_ascii_alphanumeric()) => {
            return Ok(Sentence::Other)
        }
        _ => return Err(not_nmea(text)),
    };
    fragment(body, own_ship, trailer).map(Sentence::Ais)
}

fn not_nmea(text: &str) -> DecodeError {
    DecodeError::NotNmea {
        line: 0,
        excerpt: text.chars().take(40).collect(),
    }
}

/// XOR of the bytes between the start delimiter and `*`.
pub fn checksum(body: &str) -> u8 {
    checksum_bytes(body.as_bytes())
}

/// [`checksum`] over bytes.
pub(crate) fn checksum_bytes(body: &[u8]) -> u8 {
    // XOR eight bytes at a time, then fold the lanes together.
    let mut chunks = body.chunks_exact(8);
    let mut wide = 0u64;
    for chunk in &mut chunks {
        wide ^= u64::from_ne_bytes(chunk.try_into().unwrap_or([0; 8]));
    }
    let tail = chunks.remainder().iter().fold(0, |acc, b| acc ^ b);
    wide.to_ne_bytes().iter().fold(tail, |acc, b| acc ^ b)
}

/// One or two hex digits; one digit occurs in the wild and is read as hex
/// rather than rejected outright, so a mismatch is reported as such.
pub fn parse_hex_checksum(hex: &str) -> Option<u8> {
    // By hand: the general integer parser costs more than the rest of a
    // tag block's checks together.
    match *hex.as_bytes() {
        [a] => hex_digit(a),
        [a, b] => Some(hex_digit(a)? << 4 | hex_digit(b)?),
        _ => None,
    }
}

pub(crate) fn hex_digit(b: u8) -> Option<u8> {
    match b {
        b'0'..=b'9' => Some(b - b'0'),
        b'a'..=b'f' => Some(b - b'a' + 10),
        b'A'..=b'F' => Some(b - b'A' + 10),
        _ => None,
    }
}

/// The seven comma-separated fields of a VDM/VDO body, without collecting
/// them into a vector; the commas are found a word at a time.
fn vdm_fields(body: &str) -> Result<[&str; 7], DecodeError> {
    let mut out = [""; 7];
    let mut slot = 0;
    let mut start = 0;
    for i in scan::positions(body.as_bytes(), b',') {
        if slot == 6 {
            return Err(field_count(body));
        }
        // `,` is ASCII, so both cuts fall on character boundaries.
        out[slot] = body.get(start..i).unwrap_or_default();
        slot += 1;
        start = i + 1;
    }
    if slot != 6 {
        return Err(field_count(body));
    }
    out[6] = body.get(start..).unwrap_or_default();
    Ok(out)
}

/// Splits `text` at every `sep` (an ASCII byte). Fields here are mostly one
/// or two characters long, where a plain byte scan beats the `char`
/// pattern searcher `str::split` uses.
pub(crate) fn fields(text: &str, sep: u8) -> impl Iterator<Item = &str> {
    let mut rest = Some(text);
    std::iter::from_fn(move || {
        let s = rest?;
        match s.bytes().position(|b| b == sep) {
            Some(i) => {
                rest = s.get(i + 1..);
                s.get(..i)
            }
            None => {
                rest = None;
                Some(s)
            }
        }
    })
}

fn field_count(body: &str) -> DecodeError {
    bad("field count", body.split(',').count().to_string())
}

fn fragment<'a>(
    body: &'a str,
    own_ship: bool,
    trailer: &'a str,
) -> Result<Fragment<'a>, DecodeError> {
    let [address, count, number, seq, channel, payload, fill] = vdm_fields(body)?;
    let count = digit(count, 1, 9).ok_or_else(|| bad("fragment count", count))?;
    let number = digit(number, 1, 9).ok_or_else(|| bad("fragment number", number))?;
    if number > count {
        return Err(DecodeError::BadFragment {
            line: 0,
            number,
            count,
        });
    }
    let sequence_id = match seq {
        "" => None,
        s => Some(digit(s, 0, 9).ok_or_else(|| bad("sequential message id", s))?),
    };
    let channel = match channel.len() {
        0 => None,
        1 => channel.chars().next(),
        _ => return Err(bad("channel", channel)),
    };
    let fill_bits = digit(fill, 0, 5).ok_or_else(|| bad("fill bits", fill))?;
    let (station, received_at) = uscg_trailer(trailer);
    Ok(Fragment {
        talker: address.get(..2).unwrap_or_default(),
        own_ship,
        count,
        number,
        sequence_id,
        channel,
        payload,
        fill_bits,
        station,
        received_at,
    })
}

fn bad(field: &'static str, value: impl Into<String>) -> DecodeError {
    let value: String = value.into();
    DecodeError::BadField {
        line: 0,
        field,
        value: value.chars().take(40).collect(),
    }
}

fn digit(s: &str, min: u8, max: u8) -> Option<u8> {
    match s.as_bytes() {
        &[b @ b'0'..=b'9'] => Some(b - b'0').filter(|v| (min..=max).contains(v)),
        _ => None,
    }
}

/// The USCG trailer: `,d-109,S2105,…,r003669946,1325394060,1325394001`. The
/// station is the `r`/`b`-prefixed field; the first bare integer is the
/// receiver's time, the second a later processing time.
fn uscg_trailer(trailer: &str) -> (Option<&str>, Option<i64>) {
    let Some(rest) = trailer.strip_prefix(',') else {
        return (None, None);
    };
    let mut station = None;
    let mut time = None;
    for field in rest.split(',') {
        let is_station = field.len() > 1
            && field.starts_with(['r', 'b'])
            && field[1..].bytes().all(|b| b.is_ascii_alphanumeric());
        if is_station && station.is_none() {
            station = Some(field);
        } else if time.is_none() && !field.is_empty() && field.bytes().all(|b| b.is_ascii_digit()) {
            time = field.parse().ok();
        }
    }
    (station, time)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_uscg_trailer() {
        let line = "!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*70,b003669794,1272412827";
        let Ok(Sentence::Ais(f)) = parse(line) else {
            panic!("{:?}", parse(line))
        };
        assert_eq!(f.station, Some("b003669794"));
        assert_eq!(f.received_at, Some(1272412827));
        assert_eq!(f.channel, Some('A'));
    }

    #[test]
    fn rejects_bad_checksum_and_missing_checksum() {
        assert!(matches!(
            parse("!AIVDM,1,1,,A,15B4FT5000JRP>PE6E68Nbkl0PS5,0*71"),
            Err(DecodeError::BadChecksum {
                expected: 0x71,
                computed: 0x70,
                ..
            })
        ));
        assert!(matches!(
            parse("!AIVDM,1,1,,B,15N4cJ005Jrek0H@9nDW5608EP,013"),
            Err(DecodeError::MissingChecksum { .. })
        ));
    }

    #[test]
    fn other_sentences_are_recognised() {
        let gga = "$GPGGA,184353.07,1929.045,S,02410.506,E,1,04,2.6,100.00,M,-33.9,M,,0000*6D";
        assert_eq!(parse(gga).unwrap(), Sentence::Other);
    }

    #[test]
    fn checksum_is_the_xor_of_every_byte() {
        for len in 0..40 {
            let body: String = (0..len).map(|i| char::from(b'!' + i % 13 * 7)).collect();
            let slow = body.bytes().fold(0, |acc, b| acc ^ b);
            assert_eq!(checksum(&body), slow, "{body:?}");
        }
    }

    #[test]
    fn fields_split_like_str_split() {
        for text in ["", ",", "a", "a,,b,", ",x,yz", "é,ü"] {
            let ours: Vec<&str> = fields(text, b',').collect();
            let std: Vec<&str> = text.split(',').collect();
            assert_eq!(ours, std, "{text:?}");
        }
    }
}
