//! How a CSV file is written: separator, number format and text encoding.

use crate::model::number::NumberFormat;
use std::borrow::Cow;
use std::fmt;

/// Reads a dialect's name (see [`Dialect::NAMED`]).
impl std::str::FromStr for Dialect {
    type Err = crate::Error;

    fn from_str(name: &str) -> crate::Result<Dialect> {
        let found = Dialect::NAMED.iter().find(|(known, _)| *known == name);
        found.map(|(_, dialect)| *dialect).ok_or_else(|| {
            let names: Vec<&str> = Dialect::NAMED.iter().map(|(known, _)| *known).collect();
            let expected = format!("is not a dialect: expected one of {}", names.join(", "));
            crate::Error::invalid_value("dialect", name, expected)
        })
    }
}

/// A named dialect by its name, any other in words (`separator ';', dutch numbers, UTF-8`).
impl fmt::Display for Dialect {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match Dialect::NAMED.iter().find(|(_, dialect)| dialect == self) {
            Some((name, _)) => f.write_str(name),
            None => f.write_str(&self.described()),
        }
    }
}

/// The text encoding of a file.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Encoding {
    /// UTF-8, with or without a byte-order mark.
    #[default]
    Utf8,
    /// Windows-1252, the encoding of Excel's CSV on Western-European Windows.
    Windows1252,
}

/// How a CSV file is written: separator, number format and text encoding.
///
/// The crate's own files are [`Dialect::CANONICAL`]. Excel on a Dutch machine saves "CSV
/// (puntkomma-gescheiden)" as [`Dialect::DUTCH_EXCEL`]: semicolons, decimal commas, thousands
/// dots, Windows-1252 text (or UTF-8 with a byte-order mark), CRLF line ends. Line ends and a
/// byte-order mark are always accepted; the rest is stated, or detected per file with
/// [`Dialect::detect`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Dialect {
    /// The field separator: `b','` or `b';'`.
    pub delimiter: u8,
    /// How numbers are written.
    pub numbers: NumberFormat,
    /// The text encoding.
    pub encoding: Encoding,
}

impl Default for Dialect {
    fn default() -> Self {
        Dialect::CANONICAL
    }
}

impl Dialect {
    /// The crate's own format: commas between fields, canonical numbers, UTF-8.
    pub const CANONICAL: Dialect = Dialect {
        delimiter: b',',
        numbers: NumberFormat::Canonical,
        encoding: Encoding::Utf8,
    };

    /// What Excel writes on a Dutch machine: semicolons, Dutch numbers, Windows-1252.
    pub const DUTCH_EXCEL: Dialect = Dialect {
        delimiter: b';',
        numbers: NumberFormat::Dutch,
        encoding: Encoding::Windows1252,
    };

    /// The dialects known by name, as [`FromStr`](std::str::FromStr) reads and
    /// [`Display`](fmt::Display) writes them.
    ///
    /// ```
    /// use workforce_gap::Dialect;
    /// let names: Vec<&str> = Dialect::NAMED.iter().map(|(name, _)| *name).collect();
    /// assert_eq!(names, ["canonical", "dutch-excel"]);
    /// assert_eq!("dutch-excel".parse::<Dialect>()?, Dialect::DUTCH_EXCEL);
    /// assert_eq!(Dialect::DUTCH_EXCEL.to_string(), "dutch-excel");
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub const NAMED: [(&'static str, Dialect); 2] = [
        ("canonical", Dialect::CANONICAL),
        ("dutch-excel", Dialect::DUTCH_EXCEL),
    ];

    /// The dialect in words: separator, number format, encoding.
    pub(crate) fn described(&self) -> String {
        let encoding = match self.encoding {
            Encoding::Utf8 => "UTF-8",
            Encoding::Windows1252 => "Windows-1252",
        };
        format!(
            "separator {:?}, {} numbers, {encoding}",
            char::from(self.delimiter),
            self.numbers.name()
        )
    }

    /// Detects a file's dialect from its bytes, by rules that never guess a number:
    ///
    /// - encoding: UTF-8 if the bytes are valid UTF-8 (a byte-order mark settles it), else
    ///   Windows-1252;
    /// - separator: whichever of `;` and `,` occurs more often in the header line;
    /// - numbers: Dutch when the separator is `;` (the Excel convention: the comma is taken by
    ///   the decimals), [`NumberFormat::Unstated`] when it is `,`, so that a value such as
    ///   `48.304` that reads differently in Dutch and English is reported as ambiguous.
    pub fn detect(bytes: &[u8]) -> Dialect {
        let encoding = if bytes.starts_with(UTF8_BOM) || std::str::from_utf8(bytes).is_ok() {
            Encoding::Utf8
        } else {
            Encoding::Windows1252
        };
        // Old Mac Excel ends lines with CR alone.
        let header = bytes
            .split(|&b| b == b'\n' || b == b'\r')
            .next()
            .unwrap_or_default();
        let count = |separator: u8| header.iter().filter(|&&b| b == separator).count();
        if count(b';') > count(b',') {
            Dialect {
                delimiter: b';',
                numbers: NumberFormat::Dutch,
                encoding,
            }
        } else {
            Dialect {
                delimiter: b',',
                numbers: NumberFormat::Unstated,
                encoding,
            }
        }
    }

    /// Decodes a file's bytes to text. A UTF-8 byte-order mark settles the encoding whatever
    /// the dialect says (Excel's "CSV UTF-8" writes one) and is dropped.
    /// `None` when the bytes are not valid in the encoding.
    pub fn decode(&self, bytes: &[u8]) -> Option<String> {
        self.decode_borrowed(bytes).map(Cow::into_owned)
    }

    /// [`Dialect::decode`] without a copy where the bytes are UTF-8 already, so that a large
    /// file is not held twice while it is read.
    pub(crate) fn decode_borrowed<'b>(&self, bytes: &'b [u8]) -> Option<Cow<'b, str>> {
        if let Some(rest) = bytes.strip_prefix(UTF8_BOM) {
            return std::str::from_utf8(rest).ok().map(Cow::Borrowed);
        }
        match self.encoding {
            Encoding::Utf8 => std::str::from_utf8(bytes).ok().map(Cow::Borrowed),
            Encoding::Windows1252 => {
                Some(Cow::Owned(bytes.iter().map(|&b| windows_1252(b)).collect()))
            }
        }
    }
}

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// The byte-order mark or the first bytes of UTF-16 text (Excel's "Unicode text"), which no
/// dialect reads: a UTF-16 byte-order mark, or text whose first two characters each have a NUL
/// byte, as ASCII letters do in UTF-16. `None` for other bytes.
pub(crate) fn utf16_start(bytes: &[u8]) -> Option<&'static str> {
    match bytes {
        [0xFF, 0xFE, ..] => Some("byte-order mark FF FE (UTF-16)"),
        [0xFE, 0xFF, ..] => Some("byte-order mark FE FF (UTF-16)"),
        [a, 0, b, 0, ..] if *a != 0 && *b != 0 => Some("a NUL byte after each letter (UTF-16)"),
        [0, a, 0, b, ..] if *a != 0 && *b != 0 => Some("a NUL byte before each letter (UTF-16)"),
        _ => None,
    }
}

/// One Windows-1252 byte as a character. 0x80-0x9F hold the typographic characters Excel uses
/// (euro sign, curly quotes, dashes); the five bytes Windows-1252 leaves undefined are kept as the
/// C1 control with the same value, as browsers decode them.
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dialect_reads_and_prints_by_its_name() {
        for (name, dialect) in Dialect::NAMED {
            assert_eq!(name.parse::<Dialect>().unwrap(), dialect);
            assert_eq!(dialect.to_string(), name);
        }
        // One without a name is written out.
        let detected = Dialect {
            encoding: Encoding::Utf8,
            ..Dialect::DUTCH_EXCEL
        };
        assert_eq!(detected.to_string(), "separator ';', Dutch numbers, UTF-8");
        let error = "detect".parse::<Dialect>().unwrap_err();
        assert_eq!(error.findings()[0].value, "detect");
        assert_eq!(
            error.findings()[0].expected,
            "is not a dialect: expected one of canonical, dutch-excel"
        );
    }

    #[test]
    fn windows_1252_text_decodes() {
        let bytes = b"Zorgco\xF6rdinatie centrum \x96 \x80 5,2";
        assert_eq!(
            Dialect::DUTCH_EXCEL.decode(bytes).unwrap(),
            "Zorgcoördinatie centrum – € 5,2"
        );
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        let bytes = b"\xEF\xBB\xBFid;name\r\n";
        let dialect = Dialect::detect(bytes);
        assert_eq!(dialect.encoding, Encoding::Utf8);
        assert_eq!(dialect.delimiter, b';');
        assert_eq!(dialect.decode(bytes).unwrap(), "id;name\r\n");
    }

    #[test]
    fn detection_follows_the_documented_rules() {
        let excel = Dialect::detect(b"id;name;value\r\nx;Co\xF6rdinatie;5,2\r\n");
        assert_eq!(excel, Dialect::DUTCH_EXCEL);
        let plain = Dialect::detect("id,name,value\nx,Coördinatie,5.2\n".as_bytes());
        assert_eq!(
            plain,
            Dialect {
                delimiter: b',',
                numbers: NumberFormat::Unstated,
                encoding: Encoding::Utf8
            }
        );
        assert_eq!(Dialect::detect(b""), plain);
    }

    #[test]
    fn a_byte_order_mark_overrules_windows_1252() {
        let bytes = "\u{FEFF}Zorgcoördinatie".as_bytes();
        assert_eq!(
            Dialect::DUTCH_EXCEL.decode(bytes).unwrap(),
            "Zorgcoördinatie"
        );
    }

    #[test]
    fn utf16_is_recognised_with_or_without_a_byte_order_mark() {
        let little: Vec<u8> = "id;name"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        let big: Vec<u8> = "id;name"
            .encode_utf16()
            .flat_map(u16::to_be_bytes)
            .collect();
        assert!(utf16_start(&little).is_some());
        assert!(utf16_start(&big).is_some());
        assert!(utf16_start(&[&[0xFF, 0xFE][..], &little].concat()).is_some());
        assert_eq!(utf16_start(b"id,name\n"), None);
        assert_eq!(utf16_start(b"4\0,x"), None);
    }

    #[test]
    fn a_cr_only_header_is_the_first_line() {
        let dialect =
            Dialect::detect(b"id;name\rprevention;Preventie, thuis\rhome;Thuis, ook, hier\r");
        assert_eq!(dialect.delimiter, b';');
    }

    #[test]
    fn invalid_utf8_is_refused_under_utf8() {
        assert_eq!(Dialect::CANONICAL.decode(b"caf\xE9"), None);
    }
}
