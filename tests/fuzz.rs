//! Fuzzing the input path with proptest: whatever bytes arrive, loading and evaluating return
//! an error or a result, in bounded time, and never panic.
//!
//! cargo-fuzz needs a nightly toolchain, which this project does not assume; proptest runs on
//! stable and shrinks a failure to a small input. The inputs start from the real files of the
//! `tiny` fixture and mutate them with the tokens that break parsers (separators, quotes,
//! percent signs, huge numbers, NUL, invalid UTF-8), so most cases get past the header.
//!
//! `cargo test` runs a few hundred cases; CI runs many more (`PROPTEST_CASES`, see `.ci/run`).
//! A failure proptest finds is saved under `proptest-regressions/` and replayed first from then
//! on: commit that file, and add the input to `tests/bad/` with the finding it must give.

use proptest::prelude::*;
use std::path::Path;
use workforce_gap::Error;
use workforce_gap::Expr;
use workforce_gap::Loader;

const TOKENS: &[&[u8]] = &[
    b",",
    b";",
    b"\"",
    b"\n",
    b"\r\n",
    b"%",
    b"-",
    b"(",
    b")",
    b"*",
    b"/",
    b" - ",
    b".",
    b"0",
    b"9999999999999999999999999999999",
    b"0.0000000000000000000000000001",
    b"\0",
    b"\xff",
    b"\xef\xbb\xbf",
    b"region",
    b"default",
    b"prevention",
    b"fewer-consults",
    b"population",
    b":",
    b"1e9",
    b"NaN",
];

#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, usize),
    Delete(usize, usize),
    Replace(usize, u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Edit::Insert(at, token)),
        (any::<usize>(), 1usize..20).prop_map(|(at, len)| Edit::Delete(at, len)),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Edit::Replace(at, byte)),
    ]
}

fn mutate(mut bytes: Vec<u8>, edits: &[Edit]) -> Vec<u8> {
    for edit in edits {
        let at = |i: usize| {
            if bytes.is_empty() {
                0
            } else {
                i % (bytes.len() + 1)
            }
        };
        match *edit {
            Edit::Insert(i, token) => {
                let i = at(i);
                bytes.splice(i..i, TOKENS[token].iter().copied());
            }
            Edit::Delete(i, len) => {
                let i = at(i).min(bytes.len());
                let end = (i + len).min(bytes.len());
                bytes.drain(i..end);
            }
            Edit::Replace(i, byte) => {
                if !bytes.is_empty() {
                    let i = i % bytes.len();
                    bytes[i] = byte;
                }
            }
        }
    }
    bytes
}

fn tiny() -> Vec<(&'static str, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny");
    Loader::FILES
        .iter()
        .map(|name| (*name, std::fs::read(dir.join(name)).unwrap()))
        .collect()
}

fn set(files: &mut [(&str, Vec<u8>)], name: &str, bytes: Vec<u8>) {
    files
        .iter_mut()
        .find(|(n, _)| *n == name)
        .expect("a file of the model")
        .1 = bytes;
}

fn load_and_evaluate(files: &[(&str, Vec<u8>)], detect: bool) {
    let named: Vec<(&str, &[u8])> = files.iter().map(|(n, b)| (*n, b.as_slice())).collect();
    let loader = if detect {
        Loader::new().detect()
    } else {
        Loader::new()
    };
    match loader.load_bytes(&named) {
        Ok(loaded) => {
            let _ = loaded
                .model
                .evaluate()
                .map(|results| workforce_gap::Text::Results(&results).to_string());
        }
        Err(Error::Input { findings }) => assert!(findings.iter().any(|f| f.is_error())),
        Err(other) => panic!("loading bytes gave a non-input error: {other}"),
    }
}

proptest! {
    #[test]
    fn mutated_files_never_panic(
        file in 0..Loader::FILES.len(),
        edits in prop::collection::vec(edit(), 1..12),
        detect in any::<bool>(),
    ) {
        let mut files = tiny();
        files[file].1 = mutate(std::mem::take(&mut files[file].1), &edits);
        load_and_evaluate(&files, detect);
    }

    #[test]
    fn arbitrary_bytes_never_panic(file in 0..Loader::FILES.len(), bytes in prop::collection::vec(any::<u8>(), 0..2000), detect in any::<bool>()) {
        let mut files = tiny();
        files[file].1 = bytes;
        load_and_evaluate(&files, detect);
    }

    #[test]
    fn formula_text_never_panics(edits in prop::collection::vec(edit(), 0..16)) {
        let seed = b"population * contacts * (reduction - 10%) / 60".to_vec();
        let text = String::from_utf8_lossy(&mutate(seed, &edits)).into_owned();
        if let Ok(expr) = Expr::parse(&text) {
            let _ = expr.evaluate(&|_: &str| Some(rust_decimal::Decimal::MAX));
            prop_assert_eq!(Expr::parse(&expr.to_string()).unwrap(), expr);
        }
    }
}

/// Inputs far beyond any real file still end in bounded time: a 10 MB line, a formula nested
/// ten thousand deep, a number of a million digits.
#[test]
fn huge_inputs_end_in_errors() {
    let mut files = tiny();
    let long_line = format!(
        "scope,name,value\nregion,population,{}\n",
        "1".repeat(10_000_000)
    );
    set(&mut files, "parameters.csv", long_line.into_bytes());
    load_and_evaluate(&files, false);

    let mut files = tiny();
    let deep = "(".repeat(10_000) + "population" + &")".repeat(10_000);
    let effects =
        format!("initiative,effect,sector,unit,formula\nfewer-consults,x,gp,hours,{deep}\n");
    set(&mut files, "effects.csv", effects.into_bytes());
    load_and_evaluate(&files, false);
}
