//! Regions read from workbooks: the same results as from their CSV files, and every bad
//! workbook a located finding. The workbooks are built here with rust_xlsxwriter.
#![cfg(feature = "xlsx")]

use rust_decimal::Decimal;
use rust_xlsxwriter::{ExcelDateTime, Format, Formula, Workbook};
use std::path::Path;
use workforce_gap::{Error, Finding, Kind, Loader, Progress, Share};

/// A workbook with a sheet per CSV file of `dir`, as an analyst would type it: fields that are
/// numbers as number cells (a percentage as its fraction, formatted as a percentage, as Excel
/// stores `35%` typed into a cell), the rest as text.
fn workbook_of(dir: &Path, edit: impl FnOnce(&mut Workbook)) -> Vec<u8> {
    let mut workbook = Workbook::new();
    let percent = Format::new().set_num_format("0.0%");
    for name in Loader::SHEETS {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{name}.csv"))) else {
            continue;
        };
        let sheet = workbook.add_worksheet();
        sheet.set_name(name).unwrap();
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for (row, record) in reader.records().enumerate() {
            let record = record.unwrap();
            let row = u32::try_from(row).unwrap();
            for (column, field) in record.iter().enumerate() {
                let column = u16::try_from(column).unwrap();
                match number_cell(field) {
                    Some((value, false)) => sheet.write_number(row, column, value),
                    Some((value, true)) => {
                        sheet.write_number_with_format(row, column, value, &percent)
                    }
                    None => sheet.write_string(row, column, field),
                }
                .unwrap();
            }
        }
    }
    edit(&mut workbook);
    workbook.save_to_buffer().unwrap()
}

/// The number Excel stores for a field typed into a cell, and whether it is a percentage: the
/// binary number nearest the decimal (for `12.5%`, nearest 0.125). `None` for text, and for
/// numbers no binary number shows (30 significant digits).
fn number_cell(field: &str) -> Option<(f64, bool)> {
    let (digits, percent) = match field.strip_suffix('%') {
        Some(digits) => (digits, true),
        None => (field, false),
    };
    let decimal: Decimal = digits.parse().ok()?;
    let decimal = if percent {
        decimal / Decimal::ONE_HUNDRED
    } else {
        decimal
    };
    let value: f64 = decimal.to_string().parse().ok()?;
    // Only what reads back as the same number (`1.50` is 1.5, as Excel stores it).
    let shows = value.to_string().parse::<Decimal>().ok()? == decimal;
    shows.then_some((value, percent))
}

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(name)
}

/// The findings of a load that must fail.
fn refused(name: &str, bytes: &[u8]) -> Vec<Finding> {
    match Loader::new().load_workbook_bytes(name, bytes) {
        Err(Error::Input { findings }) => findings,
        Err(other) => panic!("not an input error: {other}"),
        Ok(_) => panic!("{name} was read"),
    }
}

/// The one finding of this kind.
fn only(findings: &[Finding], kind: Kind) -> &Finding {
    let of_kind: Vec<&Finding> = findings.iter().filter(|f| f.kind == kind).collect();
    assert_eq!(of_kind.len(), 1, "{findings:#?}");
    of_kind[0]
}

fn at(finding: &Finding) -> (&str, u64, Option<&str>, &str) {
    let origin = finding.origin.as_ref().expect("located");
    (
        origin.file.as_str(),
        origin.line,
        finding.column.as_deref(),
        finding.value.as_str(),
    )
}

#[test]
fn limburg_from_its_workbook_gives_the_results_of_its_csv_files() {
    let dir = fixture("data/limburg");
    let bytes = workbook_of(&dir, |_| {});
    let from_csv = Loader::new().load_dir(&dir).unwrap();
    let from_workbook = Loader::new()
        .load_workbook_bytes("limburg.xlsx", &bytes)
        .unwrap();
    assert_eq!(
        from_workbook.model.evaluate().unwrap(),
        from_csv.model.evaluate().unwrap()
    );
    // The same warnings and infos, of the same kinds and values.
    let shape = |findings: &[Finding]| -> Vec<(Kind, String)> {
        findings.iter().map(|f| (f.kind, f.value.clone())).collect()
    };
    assert_eq!(shape(&from_workbook.findings), shape(&from_csv.findings));
    // The model's parameters hold the decimals typed, percentages included.
    assert_eq!(from_workbook.model.parameters, {
        let mut parameters = from_csv.model.parameters.clone();
        for (parameter, read) in parameters.iter_mut().zip(&from_workbook.model.parameters) {
            parameter.origin = read.origin.clone();
            if let (Some(range), Some(read)) = (parameter.range.as_mut(), read.range.as_ref()) {
                range.origin = read.origin.clone();
            }
        }
        parameters
    });
    // Numbers really were number cells: the test is not comparing text with text.
    let mut book: calamine::Xlsx<_> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(&bytes)).unwrap();
    use calamine::Reader as _;
    let parameters = book.worksheet_range("parameters").unwrap();
    assert!(
        parameters
            .rows()
            .skip(1)
            .all(|row| matches!(row[2], calamine::Data::Float(_)) || row[2] == "pending"),
        "every parameter value is a number cell"
    );
}

#[test]
fn limburg_monitored_from_its_workbook_gives_what_its_csv_files_give() {
    let dir = fixture("data/limburg");
    let bytes = workbook_of(&dir, |_| {});
    let from_csv = Loader::new().load_dir(&dir).unwrap().model;
    let from_workbook = Loader::new()
        .load_workbook_bytes("limburg.xlsx", &bytes)
        .unwrap()
        .model;
    // The sheets were read: as many measurements as the files hold, from the sheets.
    assert!(!from_csv.realised.is_empty() && !from_csv.staff.is_empty());
    assert_eq!(from_workbook.realised.len(), from_csv.realised.len());
    assert_eq!(from_workbook.staff.len(), from_csv.staff.len());
    let origin = from_workbook.realised[0].origin.as_ref().unwrap();
    assert_eq!(
        (origin.file.as_str(), origin.line),
        ("limburg.xlsx, sheet \"realised\"", 2)
    );
    let tolerance = Share::new(Progress::TOLERANCE);
    assert_eq!(
        from_workbook.monitor(tolerance).unwrap(),
        from_csv.monitor(tolerance).unwrap()
    );
}

#[test]
fn a_bad_realised_row_is_a_finding_at_its_cell_of_the_sheet() {
    let bytes = workbook_of(&fixture("data/limburg"), |book| {
        let sheet = book.worksheet_from_name("realised").unwrap();
        sheet.write_string(2, 0, "2024-H3").unwrap(); // row 3, column A: period
        sheet.write_string(3, 3, "lots").unwrap(); // row 4, column D: value
    });
    let findings = refused("limburg.xlsx", &bytes);
    let period = only(&findings, Kind::InvalidValue);
    assert_eq!(
        at(period),
        (
            "limburg.xlsx, sheet \"realised\"",
            3,
            Some("A: period"),
            "2024-H3"
        )
    );
    let value = only(&findings, Kind::NotANumber);
    assert_eq!(
        at(value),
        (
            "limburg.xlsx, sheet \"realised\"",
            4,
            Some("D: value"),
            "lots"
        )
    );
}

#[test]
fn a_region_without_a_region_sheet_is_named_after_its_workbook() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let index = book
            .worksheets()
            .iter()
            .position(|s| s.name() == "region")
            .unwrap();
        book.worksheets_mut().remove(index);
    });
    let loaded = Loader::new()
        .load_workbook_bytes("Noord.xlsx", &bytes)
        .unwrap();
    assert_eq!(loaded.model.region.name, "Noord");
}

#[test]
fn a_finding_names_workbook_sheet_row_column_letter_and_header() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        // Row 4 of parameters: fewer-consults, contacts; its value (column C) made text.
        let sheet = book.worksheet_from_name("parameters").unwrap();
        sheet.write_string(3, 2, "four").unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let finding = only(&findings, Kind::NotANumber);
    assert_eq!(
        at(finding),
        (
            "tiny.xlsx, sheet \"parameters\"",
            4,
            Some("C: value"),
            "four"
        )
    );
    assert_eq!(
        finding.to_string(),
        "error: tiny.xlsx, sheet \"parameters\", row 4, column \"C: value\": \"four\" is not a number: expected digits with a decimal point and no thousands separators, like 48304, 5.2 or 20%"
    );
}

#[test]
fn rows_are_rows_of_the_sheet_past_blank_rows_and_line_breaks_in_cells() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("parameters").unwrap();
        // A label with a line break in row 2 (two lines of CSV text), and a value that is no
        // number in row 9.
        sheet
            .write_string(1, 4, "inhabitants\nof the region")
            .unwrap();
        sheet.write_string(8, 2, "one").unwrap();
        // A blank row between the records: row 11 holds a record again.
        sheet.write_string(10, 0, "region").unwrap();
        sheet.write_string(10, 1, "spare").unwrap();
        sheet.write_string(10, 2, "x").unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let lines: Vec<(u64, &str)> = findings
        .iter()
        .filter(|f| f.kind == Kind::NotANumber)
        .map(|f| (f.origin.as_ref().unwrap().line, f.value.as_str()))
        .collect();
    assert_eq!(lines, [(9, "one"), (11, "x")]);
}

#[test]
fn a_missing_sheet_is_named_and_a_near_miss_names_the_sheet_meant() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        book.worksheet_from_name("initiatives")
            .unwrap()
            .set_name("Initiative")
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let missing = only(&findings, Kind::MissingFile);
    assert_eq!(missing.value, "initiatives");
    assert!(missing.expected.contains("missing from tiny.xlsx"));
    let misnamed = only(&findings, Kind::UnknownFile);
    assert_eq!(misnamed.value, "tiny.xlsx, sheet Initiative");
    assert!(misnamed.expected.contains("did you mean initiatives?"));
}

#[test]
fn a_monitoring_sheet_named_near_its_name_is_refused_and_named() {
    let bytes = workbook_of(&fixture("data/limburg"), |book| {
        book.worksheet_from_name("realised")
            .unwrap()
            .set_name("Realized")
            .unwrap();
    });
    let findings = refused("limburg.xlsx", &bytes);
    let misnamed = only(&findings, Kind::UnknownFile);
    assert_eq!(misnamed.value, "limburg.xlsx, sheet Realized");
    assert!(misnamed.expected.contains("did you mean realised?"));
    // Optional as its file is: no finding that it is missing.
    assert!(findings.iter().all(|f| f.kind != Kind::MissingFile));
}

#[test]
fn a_formula_where_a_value_is_expected_is_refused_at_its_cell() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("parameters").unwrap();
        // Row 2: region population, 10000, as a formula with its result.
        sheet
            .write_formula(1, 2, Formula::new("=5000*2").set_result("10000"))
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let finding = only(&findings, Kind::Workbook);
    assert_eq!(
        at(finding),
        (
            "tiny.xlsx, sheet \"parameters\"",
            2,
            Some("C: value"),
            "=5000*2"
        )
    );
    assert_eq!(findings.len(), 1, "no follow-on finding: {findings:#?}");
}

#[test]
fn a_date_where_a_number_is_expected_is_refused_at_its_cell() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("shortage").unwrap();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let year = ExcelDateTime::from_ymd(2030, 1, 1).unwrap();
        sheet
            .write_datetime_with_format(1, 0, &year, &date)
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let finding = only(&findings, Kind::Workbook);
    let (file, line, column, _) = at(finding);
    assert_eq!(
        (file, line, column),
        ("tiny.xlsx, sheet \"shortage\"", 2, Some("A: year"))
    );
    assert!(finding.expected.contains("is a date"), "{finding}");
    assert_eq!(findings.len(), 1, "no follow-on finding: {findings:#?}");
}

#[test]
fn an_error_value_is_refused_at_its_cell() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("norms").unwrap();
        sheet
            .write_formula(2, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    // The formula and its error value, both at B3.
    assert!(!findings.is_empty());
    for finding in &findings {
        assert_eq!(finding.kind, Kind::Workbook, "{finding}");
        let (file, line, column, _) = at(finding);
        assert_eq!(
            (file, line, column),
            (
                "tiny.xlsx, sheet \"norms\"",
                3,
                Some("B: working_hours_per_year")
            )
        );
    }
}

#[test]
fn merged_cells_are_refused_at_their_first_cell() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("themes").unwrap();
        sheet
            .merge_range(1, 1, 2, 1, "Prevention", &Format::new())
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let finding = findings
        .iter()
        .find(|f| f.kind == Kind::Workbook)
        .expect("merged cells found");
    assert_eq!(
        at(finding),
        ("tiny.xlsx, sheet \"themes\"", 2, Some("B: name"), "B2:B3")
    );
}

#[test]
fn a_hidden_sheet_of_the_model_is_refused() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        book.worksheet_from_name("ranges").unwrap().set_hidden(true);
        // A hidden sheet the model does not read is the analyst's business.
        book.add_worksheet()
            .set_name("workings")
            .unwrap()
            .set_hidden(true);
    });
    let findings = refused("tiny.xlsx", &bytes);
    let finding = only(&findings, Kind::Workbook);
    assert_eq!(finding.value, "tiny.xlsx, sheet ranges");
    assert!(finding.expected.contains("hidden"), "{finding}");
}

#[test]
fn other_sheets_are_not_read() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let notes = book.add_worksheet().set_name("notes").unwrap();
        notes.write_formula(0, 0, "=1/0").unwrap();
    });
    let loaded = Loader::new()
        .load_workbook_bytes("tiny.xlsx", &bytes)
        .unwrap();
    let from_csv = Loader::new()
        .load_dir(fixture("tests/fixtures/tiny"))
        .unwrap();
    assert_eq!(
        loaded.model.evaluate().unwrap(),
        from_csv.model.evaluate().unwrap()
    );
}

#[test]
fn a_password_protected_workbook_is_refused_by_name() {
    // An encrypted workbook is an OLE compound file holding the encrypted package.
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    std::io::Write::write_all(
        &mut file.create_stream("EncryptionInfo").unwrap(),
        &[4, 0, 4, 0],
    )
    .unwrap();
    std::io::Write::write_all(
        &mut file.create_stream("EncryptedPackage").unwrap(),
        &[0; 64],
    )
    .unwrap();
    file.flush().unwrap();
    let bytes = file.into_inner().into_inner();
    let findings = refused("secret.xlsx", &bytes);
    let finding = only(&findings, Kind::Workbook);
    assert_eq!(finding.value, "secret.xlsx");
    assert!(finding.expected.contains("password-protected"), "{finding}");
}

#[test]
fn a_corrupt_or_cut_off_workbook_is_refused_by_name() {
    let whole = workbook_of(&fixture("tests/fixtures/tiny"), |_| {});
    for bytes in [
        &whole[..whole.len() / 2],
        b"not a workbook at all".as_slice(),
        &[],
    ] {
        let findings = refused("broken.xlsx", bytes);
        let finding = only(&findings, Kind::Workbook);
        assert_eq!(finding.value, "broken.xlsx");
        assert!(finding.expected.contains("cannot be opened"), "{finding}");
    }
}

#[test]
fn a_workbook_on_disk_is_read_within_the_size_limit() {
    let dir = std::env::temp_dir().join(format!("xlsx-input-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("tiny.xlsx");
    std::fs::write(&path, workbook_of(&fixture("tests/fixtures/tiny"), |_| {})).unwrap();
    let model = Loader::new()
        .load_workbook(&path)
        .map(|loaded| loaded.model)
        .unwrap();
    assert_eq!(model.region.name, "Tiny");
    let small = Loader::new().max_file_size(100).load_workbook(&path);
    let findings = small.unwrap_err().findings().to_vec();
    assert_eq!(
        only(&findings, Kind::TooLarge).value,
        path.display().to_string()
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn no_mangled_workbook_makes_the_reader_panic() {
    // About a hundred bytes of a small workbook, each changed in turn, and the workbook cut
    // short at as many places: each load ends in a model or in findings, never in a panic.
    let whole = workbook_of(&fixture("tests/fixtures/tiny"), |_| {});
    let mut tried = 0;
    for at in (0..whole.len()).step_by(whole.len() / 97 + 1) {
        let mut bytes = whole.clone();
        bytes[at] ^= 0x5a;
        let _ = Loader::new().load_workbook_bytes("mangled.xlsx", &bytes);
        let _ = Loader::new().load_workbook_bytes("cut.xlsx", &whole[..at]);
        let _ = Loader::new().load_workbook_bytes("cut.ods", &whole[..at]);
        tried += 1;
    }
    assert!(tried > 90);
}

/// An OpenDocument spreadsheet with a sheet per CSV file of `dir`, as LibreOffice writes one:
/// numbers as float cells, percentages as percentage cells, the rest as strings.
fn ods_of(dir: &Path) -> Vec<u8> {
    ods_zip(&ods_content(dir))
}

/// The `content.xml` of [`ods_of`].
fn ods_content(dir: &Path) -> String {
    let escape = |text: &str| {
        text.replace('&', "&amp;")
            .replace('<', "&lt;")
            .replace('"', "&quot;")
    };
    let mut content = String::from(
        r#"<?xml version="1.0" encoding="UTF-8"?><office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2"><office:body><office:spreadsheet>"#,
    );
    for name in Loader::SHEETS {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{name}.csv"))) else {
            continue;
        };
        content += &format!(r#"<table:table table:name="{name}">"#);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for record in reader.records() {
            content += "<table:table-row>";
            for field in record.unwrap().iter() {
                let shown = format!("<text:p>{}</text:p>", escape(field));
                content += &match number_cell(field) {
                    Some((value, percent)) => {
                        let kind = if percent { "percentage" } else { "float" };
                        format!(
                            r#"<table:table-cell office:value-type="{kind}" office:value="{value}">{shown}</table:table-cell>"#
                        )
                    }
                    None => format!(
                        r#"<table:table-cell office:value-type="string">{shown}</table:table-cell>"#
                    ),
                };
            }
            content += "</table:table-row>";
        }
        content += "</table:table>";
    }
    content += "</office:spreadsheet></office:body></office:document-content>";
    content
}

/// An OpenDocument spreadsheet of its `content.xml`.
fn ods_zip(content: &str) -> Vec<u8> {
    let manifest = r#"<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2"><manifest:file-entry manifest:full-path="/" manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/></manifest:manifest>"#;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, text) in [
        ("mimetype", "application/vnd.oasis.opendocument.spreadsheet"),
        ("META-INF/manifest.xml", manifest),
        ("content.xml", content),
    ] {
        zip.start_file(name, stored).unwrap();
        std::io::Write::write_all(&mut zip, text.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn an_opendocument_spreadsheet_gives_the_results_of_its_csv_files() {
    let dir = fixture("tests/fixtures/tiny");
    let from_ods = Loader::new()
        .load_workbook_bytes("tiny.ods", &ods_of(&dir))
        .unwrap();
    let from_csv = Loader::new().load_dir(&dir).unwrap();
    assert_eq!(
        from_ods.model.evaluate().unwrap(),
        from_csv.model.evaluate().unwrap()
    );
    // The reduction of 10% was a percentage cell: 0.1 exactly.
    let reduction = from_ods
        .model
        .lookup("fewer-consults", "reduction")
        .unwrap();
    assert_eq!(reduction.value, Decimal::new(1, 1));
    assert_eq!(
        reduction.origin.as_ref().unwrap().file,
        "tiny.ods, sheet \"parameters\""
    );
}

/// A zip archive of the named parts, each deflated.
fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflated = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in parts {
        zip.start_file(*name, deflated).unwrap();
        std::io::Write::write_all(&mut zip, bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

/// The parts of a zip archive with their sizes unpacked, as its central directory declares them.
fn part_sizes(bytes: &[u8]) -> Vec<(String, u64)> {
    let archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|index| {
            let part = archive.by_index_data(index).unwrap();
            (part.name().unwrap().to_string(), part.size())
        })
        .collect()
}

#[test]
fn a_zip_bomb_is_refused_before_it_is_unpacked() {
    // 8 MiB of one repeated byte deflate to some 8 KiB: a thousand times smaller, where the
    // limit is 100 times for a part above 1 MiB.
    let sheet = vec![b' '; 8 * 1024 * 1024];
    let bytes = zip_of(&[("xl/worksheets/sheet1.xml", &sheet)]);
    assert!(bytes.len() < 64 * 1024);
    for name in ["bomb.xlsx", "bomb.ods", "bomb.xlsb"] {
        let findings = refused(name, &bytes);
        let finding = only(&findings, Kind::TooLarge);
        assert_eq!(
            finding.value,
            format!("{name}, part xl/worksheets/sheet1.xml")
        );
        assert!(finding.expected.contains("zip bomb"), "{finding}");
        assert_eq!(findings.len(), 1, "{findings:#?}");
    }
}

#[test]
fn a_part_that_declares_gigabytes_is_refused_by_its_declared_size() {
    // A small stored part whose central directory entry declares 4 GiB - 2 unpacked: the
    // declared size alone refuses it, before any of it is read.
    let mut bytes = zip_of(&[("xl/worksheets/sheet1.xml", b"<worksheet/>")]);
    let directory = bytes
        .windows(4)
        .position(|w| w == b"PK\x01\x02")
        .expect("a central directory entry");
    // The uncompressed size is the 4 bytes at offset 24 of a central directory entry.
    bytes[directory + 24..directory + 28].copy_from_slice(&u32::MAX.wrapping_sub(1).to_le_bytes());
    let findings = refused("huge.xlsx", &bytes);
    let finding = only(&findings, Kind::TooLarge);
    assert_eq!(finding.value, "huge.xlsx, part xl/worksheets/sheet1.xml");
    // 2^32 - 2 = 4294967294 bytes, above the default limit of 64 MiB = 67108864 bytes.
    assert!(
        finding
            .expected
            .starts_with("unpacks to 4294967294 bytes, more than the limit of 67108864 bytes"),
        "{finding}"
    );
}

#[test]
fn parts_beyond_the_limits_together_or_in_number_are_refused() {
    // Five parts of 900 bytes under a limit of 1,000: each within it, 4,500 together beyond
    // the 4 * 1,000 all parts may unpack to.
    let part = [b'a'; 900];
    let names: Vec<String> = (1..=5)
        .map(|n| format!("xl/worksheets/sheet{n}.xml"))
        .collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &part[..])).collect();
    let bytes = zip_of(&parts);
    assert!(bytes.len() < 1_000);
    let error = Loader::new()
        .max_file_size(1_000)
        .load_workbook_bytes("parts.xlsx", &bytes)
        .unwrap_err();
    let finding = only(error.findings(), Kind::TooLarge);
    assert_eq!(finding.value, "parts.xlsx");
    assert!(
        finding
            .expected
            .starts_with("unpacks to 4500 bytes together, more than the limit of 4000 bytes"),
        "{finding}"
    );
    // 10,001 empty parts: one more than a workbook may have.
    let names: Vec<String> = (0..10_001).map(|n| format!("xl/part{n}.xml")).collect();
    let parts: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &[][..])).collect();
    let findings = refused("many.xlsx", &zip_of(&parts));
    let finding = only(&findings, Kind::TooLarge);
    assert_eq!(finding.value, "many.xlsx");
    assert!(
        finding
            .expected
            .starts_with("has 10001 parts, more than the 10000"),
        "{finding}"
    );
}

#[test]
fn a_part_just_over_the_size_limit_is_refused_and_one_at_it_is_read() {
    // A notes sheet of 20,000 cells: its XML is the largest part by far.
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let notes = book.add_worksheet().set_name("notes").unwrap();
        for row in 0..20_000 {
            notes.write_number(row, 0, 1.0).unwrap();
        }
    });
    let (largest, size) = part_sizes(&bytes)
        .into_iter()
        .max_by_key(|(_, size)| *size)
        .unwrap();
    assert!(size > 4 * bytes.len() as u64, "{size} of {}", bytes.len());
    // At the limit: read.
    let loaded = Loader::new()
        .max_file_size(size)
        .load_workbook_bytes("notes.xlsx", &bytes);
    assert!(loaded.is_ok(), "{loaded:?}");
    // One byte over it: refused by that part's name alone.
    let error = Loader::new()
        .max_file_size(size - 1)
        .load_workbook_bytes("notes.xlsx", &bytes)
        .unwrap_err();
    let finding = only(error.findings(), Kind::TooLarge);
    assert_eq!(finding.value, format!("notes.xlsx, part {largest}"));
    assert!(
        finding.expected.starts_with(&format!(
            "unpacks to {size} bytes, more than the limit of {} bytes",
            size - 1
        )),
        "{finding}"
    );
}

#[test]
fn bytes_above_the_size_limit_are_refused_unopened() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |_| {});
    let limit = bytes.len() as u64 - 1;
    let error = Loader::new()
        .max_file_size(limit)
        .load_workbook_bytes("tiny.xlsx", &bytes)
        .unwrap_err();
    let finding = only(error.findings(), Kind::TooLarge);
    assert_eq!(finding.value, "tiny.xlsx");
    assert!(
        finding
            .expected
            .contains(&format!("limit of {limit} bytes")),
        "{finding}"
    );
}

#[test]
fn sheets_beyond_the_rows_or_cells_a_sheet_may_span_are_refused_at_the_cell_beyond() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        // parameters: its header on row 1 and a cell on row 100,001: 100,001 rows, one more
        // than the 100,000 a sheet may span.
        let parameters = book.worksheet_from_name("parameters").unwrap();
        parameters.write_string(100_000, 0, "region").unwrap();
        // themes: 3 rows of A:B and a cell in Excel's last column XFD (16,384) on row 100:
        // 100 rows * 16,384 columns = 1,638,400 cells, beyond the 1,000,000 a sheet may span.
        let themes = book.worksheet_from_name("themes").unwrap();
        themes.write_string(99, 16_383, "note").unwrap();
    });
    let findings = refused("wide.xlsx", &bytes);
    // Both sheets, together, each at its cell beyond; nothing more of either sheet is read.
    let beyond: Vec<_> = findings
        .iter()
        .filter(|f| f.kind == Kind::TooLarge)
        .collect();
    assert_eq!(beyond.len(), 2, "{findings:#?}");
    assert_eq!(
        at(beyond[0]),
        (
            "wide.xlsx, sheet \"parameters\"",
            100_001,
            Some("A"),
            "A100001"
        )
    );
    assert!(
        beyond[0].expected.contains("100001 rows by 7 columns"),
        "{}",
        beyond[0]
    );
    assert_eq!(
        at(beyond[1]),
        ("wide.xlsx, sheet \"themes\"", 100, Some("XFD"), "XFD100")
    );
    assert!(
        beyond[1].expected.contains("100 rows by 16384 columns"),
        "{}",
        beyond[1]
    );
    assert_eq!(
        beyond[0].to_string(),
        format!(
            "error: wide.xlsx, sheet \"parameters\", row 100001, column \"A\": \"A100001\" {}",
            beyond[0].expected
        )
    );
    // A sheet refused is not also missing.
    assert!(
        findings.iter().all(|f| f.kind != Kind::MissingFile),
        "{findings:#?}"
    );
}

#[test]
fn a_boolean_cell_is_yes_or_no_where_the_column_takes_them() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let sheet = book.worksheet_from_name("parameters").unwrap();
        // Column G is assumption: row 2 (population) becomes TRUE, row 5 (reduction) FALSE.
        sheet.write_boolean(1, 6, true).unwrap();
        sheet.write_boolean(4, 6, false).unwrap();
    });
    let model = Loader::new()
        .load_workbook_bytes("tiny.xlsx", &bytes)
        .unwrap()
        .model;
    assert!(model.lookup("region", "population").unwrap().assumption);
    assert!(
        !model
            .lookup("fewer-consults", "reduction")
            .unwrap()
            .assumption
    );
    // The others as the CSV file has them: contacts no, extra_fte yes.
    assert!(
        !model
            .lookup("fewer-consults", "contacts")
            .unwrap()
            .assumption
    );
    assert!(
        model
            .lookup("shorter-stays", "extra_fte")
            .unwrap()
            .assumption
    );
}

#[test]
fn a_boolean_a_duration_and_an_error_value_in_number_cells_are_refused_together() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        let parameters = book.worksheet_from_name("parameters").unwrap();
        parameters.write_boolean(2, 2, true).unwrap(); // C3: minutes
        let hours = Format::new().set_num_format("[h]:mm");
        parameters
            .write_number_with_format(3, 2, 1.5, &hours) // C4: contacts, 36 hours
            .unwrap();
        parameters
            .write_formula(5, 2, Formula::new("=1/0").set_result("#DIV/0!")) // C6
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let sheet = "tiny.xlsx, sheet \"parameters\"";
    let cell = |line: u64| {
        let here = |f: &&Finding| f.origin.as_ref().is_some_and(|o| o.line == line);
        findings.iter().filter(here).collect::<Vec<_>>()
    };
    let boolean = cell(3);
    assert_eq!(boolean.len(), 1, "{findings:#?}");
    assert_eq!(at(boolean[0]), (sheet, 3, Some("C: value"), "TRUE"));
    assert_eq!(boolean[0].kind, Kind::Workbook);
    assert!(
        boolean[0].expected.starts_with("is a boolean"),
        "{}",
        boolean[0]
    );
    let duration = cell(4);
    assert_eq!(duration.len(), 1, "{findings:#?}");
    assert_eq!(at(duration[0]).2, Some("C: value"));
    assert!(
        duration[0].expected.starts_with("is a duration"),
        "{}",
        duration[0]
    );
    // The error value and its formula, both at C6, and nothing else of that row.
    let error = cell(6);
    assert!(
        error
            .iter()
            .any(|f| f.value == "#DIV/0!" && f.expected.contains("error value"))
    );
    assert!(
        error
            .iter()
            .all(|f| f.kind == Kind::Workbook && f.column.as_deref() == Some("C: value"))
    );
    assert!(
        findings.iter().all(|f| f.kind == Kind::Workbook),
        "{findings:#?}"
    );
}

#[test]
fn a_sheet_named_with_other_case_or_spaces_names_the_sheet_meant() {
    let bytes = workbook_of(&fixture("tests/fixtures/tiny"), |book| {
        book.worksheet_from_name("parameters")
            .unwrap()
            .set_name("Parameters ")
            .unwrap();
        book.worksheet_from_name("themes")
            .unwrap()
            .set_name("THEMES")
            .unwrap();
    });
    let findings = refused("tiny.xlsx", &bytes);
    let near: Vec<(&str, &str)> = findings
        .iter()
        .filter(|f| f.kind == Kind::UnknownFile)
        .map(|f| (f.value.as_str(), f.expected.as_str()))
        .collect();
    assert_eq!(
        near,
        [
            (
                "tiny.xlsx, sheet Parameters ",
                "is not a sheet of the model: did you mean parameters?"
            ),
            (
                "tiny.xlsx, sheet THEMES",
                "is not a sheet of the model: did you mean themes?"
            ),
        ]
    );
    let missing: Vec<&str> = findings
        .iter()
        .filter(|f| f.kind == Kind::MissingFile)
        .map(|f| f.value.as_str())
        .collect();
    // Parameters are optional, as parameters.csv is: only the themes are missing.
    assert_eq!(missing, ["themes"], "{findings:#?}");
}

#[test]
fn opendocument_cells_repeated_beyond_what_a_sheet_may_span_are_refused_before_they_are_made() {
    let tiny = fixture("tests/fixtures/tiny");
    let float = r#"<table:table-cell office:value-type="float" office:value="1""#;
    // LibreOffice pads every row with empty cells up to its last column, and the sheet with
    // empty rows up to its last row: no value there, so nothing to refuse.
    let padded = ods_content(&tiny)
        .replace(
            "</table:table-row>",
            r#"<table:table-cell table:number-columns-repeated="16000"/></table:table-row>"#,
        )
        .replace(
            "</table:table>",
            r#"<table:table-row table:number-rows-repeated="1048000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row></table:table>"#,
        );
    let from_ods = Loader::new()
        .load_workbook_bytes("tiny.ods", &ods_zip(&padded))
        .unwrap();
    let from_csv = Loader::new().load_dir(&tiny).unwrap();
    assert_eq!(
        from_ods.model.evaluate().unwrap(),
        from_csv.model.evaluate().unwrap()
    );
    // A notes sheet of one number repeated over 100 columns of 200,000 rows (20 million cells
    // in some 150 bytes), a themes row repeated over Excel's 16,384 columns of 100 rows, and
    // a workings sheet repeating a cell 2^64 - 1 times each way.
    let hostile = ods_content(&tiny)
        .replace(
            r#"<table:table table:name="themes">"#,
            &format!(
                r#"<table:table table:name="themes"><table:table-row table:number-rows-repeated="100">{float} table:number-columns-repeated="16384"/></table:table-row>"#
            ),
        )
        .replace(
            "</office:spreadsheet>",
            &format!(
                r#"<table:table table:name="notes"><table:table-row table:number-rows-repeated="200000">{float} table:number-columns-repeated="100"/></table:table-row></table:table><table:table table:name="workings"><table:table-row table:number-rows-repeated="18446744073709551615">{float} table:number-columns-repeated="18446744073709551615"/></table:table-row></table:table></office:spreadsheet>"#
            ),
        );
    let findings = refused("hostile.ods", &ods_zip(&hostile));
    let beyond: Vec<_> = findings.iter().map(at).collect();
    // The run's last cell: row 100, column 16,384 (XFD) of 100 rows * 16,384 columns =
    // 1,638,400 cells; row 200,000, column 100 (CV) of 200,000 rows.
    assert_eq!(
        beyond,
        [
            (
                "hostile.ods, sheet \"notes\"",
                200_000,
                Some("CV"),
                "CV200000"
            ),
            ("hostile.ods, sheet \"themes\"", 100, Some("XFD"), "XFD100"),
            // Counts beyond any a cell can have are held at the last row and column a position
            // holds: 2^32, column MWLQKWV in letters.
            (
                "hostile.ods, sheet \"workings\"",
                4_294_967_296,
                Some("MWLQKWV"),
                "MWLQKWV4294967296"
            ),
        ]
    );
    assert!(
        findings.iter().all(|f| f.kind == Kind::TooLarge),
        "{findings:#?}"
    );
}

/// One BIFF record: its type, its length and its data.
fn biff(typ: u16, data: &[u8]) -> Vec<u8> {
    let mut record = typ.to_le_bytes().to_vec();
    record.extend((data.len() as u16).to_le_bytes());
    record.extend(data);
    record
}

/// A legacy `.xls`: a compound file whose `Workbook` stream holds the workbook's globals (a BOF,
/// one BoundSheet8 per sheet naming where its records start, an EOF), then each sheet's records
/// between its own BOF and EOF. `offset` moves where the BoundSheet8 records say the sheets are.
fn legacy_workbook(sheets: &[(&str, Vec<Vec<u8>>)], offset: u32) -> Vec<u8> {
    let bof = |kind: u16| {
        let mut data = vec![0x00, 0x06];
        data.extend(kind.to_le_bytes());
        data.extend([0; 12]);
        biff(0x0809, &data)
    };
    let boundsheet = |at: u32, name: &str| {
        let mut data = at.to_le_bytes().to_vec();
        data.extend([0, 0, name.len() as u8, 0]);
        data.extend(name.as_bytes());
        biff(0x0085, &data)
    };
    let globals_length: usize = bof(5).len()
        + sheets
            .iter()
            .map(|(name, _)| boundsheet(0, name).len())
            .sum::<usize>()
        + biff(0x000A, &[]).len();
    let mut bodies = Vec::new();
    let mut starts = Vec::new();
    for (_, records) in sheets {
        starts.push((globals_length + bodies.len()) as u32 + offset);
        bodies.extend(bof(0x10));
        bodies.extend(records.concat());
        bodies.extend(biff(0x000A, &[]));
    }
    let mut stream = bof(5);
    for ((name, _), start) in sheets.iter().zip(starts) {
        stream.extend(boundsheet(start, name));
    }
    stream.extend(biff(0x000A, &[]));
    stream.extend(bodies);
    compound_file(&stream)
}

/// A compound file of version 3 (512-byte sectors, as Excel writes it) holding `stream` as its
/// `Workbook` stream.
fn compound_file(stream: &[u8]) -> Vec<u8> {
    let cursor = std::io::Cursor::new(Vec::new());
    let mut file = cfb::CompoundFile::create_with_version(cfb::Version::V3, cursor).unwrap();
    std::io::Write::write_all(&mut file.create_stream("Workbook").unwrap(), stream).unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}

/// A number cell (BIFF8 Number record) at a row and column.
fn biff_number(row: u16, column: u16, value: f64) -> Vec<u8> {
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend([0, 0]);
    data.extend(value.to_le_bytes());
    biff(0x0203, &data)
}

/// A Dimensions record (BIFF8) declaring rows `first..last` and columns `first..last`.
fn biff_dimensions(rows: (u32, u32), columns: (u16, u16)) -> Vec<u8> {
    let mut data = rows.0.to_le_bytes().to_vec();
    data.extend(rows.1.to_le_bytes());
    data.extend(columns.0.to_le_bytes());
    data.extend(columns.1.to_le_bytes());
    data.extend([0, 0]);
    biff(0x0200, &data)
}

#[test]
fn a_legacy_workbook_that_would_ask_for_billions_of_cells_is_refused_before_it_is_opened() {
    // A few hundred bytes each. Two cells at far corners of a sheet: 65,536 rows by 256 columns,
    // 16.8 million cells, beyond the 1,000,000 a sheet may span.
    let corners = legacy_workbook(
        &[(
            "parameters",
            vec![biff_number(0, 0, 1.0), biff_number(65_535, 255, 2.0)],
        )],
        0,
    );
    let findings = refused("corners.xls", &corners);
    let finding = only(&findings, Kind::TooLarge);
    assert_eq!(at(finding).0, "corners.xls, sheet \"parameters\"");
    assert!(
        finding.expected.contains("65536 rows by 256 columns"),
        "{finding}"
    );
    // A Dimensions record declaring four billion rows, which the reader would reserve room for.
    let declared = legacy_workbook(
        &[(
            "parameters",
            vec![
                biff_dimensions((0, u32::MAX), (0, 255)),
                biff_number(0, 0, 1.0),
            ],
        )],
        0,
    );
    let findings = refused("declared.xls", &declared);
    let finding = only(&findings, Kind::TooLarge);
    assert!(finding.expected.contains("declares"), "{finding}");
    // A sheet said to start beyond the end of the workbook's records.
    let beyond = legacy_workbook(&[("parameters", vec![biff_number(0, 0, 1.0)])], 1_000_000);
    let findings = refused("beyond.xls", &beyond);
    let finding = only(&findings, Kind::Workbook);
    assert!(finding.expected.contains("beyond the end"), "{finding}");
    // More sheets than a workbook may have, each of one cell.
    let names: Vec<String> = (0..1_001).map(|i| format!("s{i}")).collect();
    let many: Vec<(&str, Vec<Vec<u8>>)> = (names.iter())
        .map(|name| (name.as_str(), vec![biff_number(0, 0, 1.0)]))
        .collect();
    let findings = refused("many.xls", &legacy_workbook(&many, 0));
    let finding = only(&findings, Kind::TooLarge);
    assert!(finding.expected.contains("names 1001 sheets"), "{finding}");
}

/// A text cell (BIFF8 Label record, its characters in UTF-16) at a row and column.
fn biff_label(row: u16, column: u16, text: &str) -> Vec<u8> {
    let units: Vec<u16> = text.encode_utf16().collect();
    let mut data = row.to_le_bytes().to_vec();
    data.extend(column.to_le_bytes());
    data.extend([0, 0]);
    data.extend((units.len() as u16).to_le_bytes());
    data.push(1);
    data.extend(units.iter().flat_map(|u| u.to_le_bytes()));
    biff(0x0204, &data)
}

/// The tiny region as a legacy .xls: a sheet per CSV file, numbers as number cells (a
/// percentage as its fraction), the rest as text.
fn tiny_legacy() -> Vec<u8> {
    let dir = fixture("tests/fixtures/tiny");
    let mut sheets = Vec::new();
    for name in Loader::SHEETS {
        let Ok(text) = std::fs::read_to_string(dir.join(format!("{name}.csv"))) else {
            continue;
        };
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        let mut records = Vec::new();
        for (row, record) in reader.records().enumerate() {
            for (column, field) in record.unwrap().iter().enumerate() {
                let (row, column) = (row as u16, column as u16);
                records.push(match number_cell(field) {
                    Some((value, _)) => biff_number(row, column, value),
                    None if field.is_empty() => continue,
                    None => biff_label(row, column, field),
                });
            }
        }
        sheets.push((name, records));
    }
    legacy_workbook(&sheets, 0)
}

#[test]
fn a_legacy_workbook_within_the_limits_is_read_as_its_files_are() {
    let bytes = tiny_legacy();
    let from_workbook = Loader::new()
        .load_workbook_bytes("tiny.xls", &bytes)
        .unwrap();
    let dir = fixture("tests/fixtures/tiny");
    let from_files = Loader::new().load_dir(&dir).unwrap();
    let (a, b) = (
        from_workbook.model.evaluate().unwrap(),
        from_files.model.evaluate().unwrap(),
    );
    // 2 persons from fewer consults and 2 from shorter stays (see tests/report.rs).
    assert_eq!(a.total.value(), Decimal::from(4));
    assert_eq!(a.total, b.total);
}

#[test]
fn a_legacy_workbook_its_reader_would_panic_on_is_refused_as_corrupt() {
    // A BoundSheet8 record of two bytes, where calamine reads four and more without checking.
    let mut bof = vec![0x00, 0x06, 0x05, 0x00];
    bof.extend([0; 12]);
    let stream = [biff(0x0809, &bof), biff(0x0085, &[1, 0]), biff(0x000A, &[])].concat();
    let findings = refused("short.xls", &compound_file(&stream));
    let finding = only(&findings, Kind::Workbook);
    assert!(finding.expected.contains("its reader stopped"), "{finding}");
}

#[test]
fn a_legacy_workbook_whose_container_cfb_refuses_is_refused_before_calamine_reads_it() {
    // Two cells of one sheet 27,650 rows and 14,338 columns apart: 396 million cells, 12.7 GB
    // as calamine makes them. Its records would be refused, but the file's allocation table
    // also has an entry pointing past the end of the file: cfb refuses the container, where
    // calamine, following only the chains it needs, would read it and make the sheet.
    let sheet = vec![biff_number(0, 14_337, 1.0), biff_number(27_649, 0, 2.0)];
    let mut bytes = legacy_workbook(&[("parameters", sheet)], 0);
    // Version 3: the first allocation table's sector is named at byte 76 of the header; its
    // last entry (of 128) belongs to a sector the file does not have.
    let table = u32::from_le_bytes(bytes[76..80].try_into().unwrap()) as usize;
    let last = 512 + table * 512 + 127 * 4;
    bytes[last..last + 4].copy_from_slice(&0xFFF8_FFFFu32.to_le_bytes());
    let findings = refused("container.xls", &bytes);
    let finding = only(&findings, Kind::Workbook);
    assert!(finding.expected.contains("cannot be read"), "{finding}");
}

#[test]
fn a_mutated_legacy_workbook_is_refused_or_read_never_a_panic() {
    // calamine's .xls reader indexes short records without checking, trusts the sizes a file
    // declares, and reads some containers cfb refuses: 1,000 copies of the tiny workbook with one
    // to four bytes changed each (xorshift, fixed seed) must each load or be refused, without a
    // panic or an allocation that ends the process. (80,000 such copies passed in a release
    // build, with memory limited to 3 GB, when this was written.)
    let bytes = tiny_legacy();
    let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = || {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        state
    };
    for _ in 0..1_000 {
        let mut copy = bytes.clone();
        for _ in 0..next() % 4 + 1 {
            let at = next() as usize % copy.len();
            copy[at] = next() as u8;
        }
        let _ = Loader::new().load_workbook_bytes("mutated.xls", &copy);
    }
}
