//! Reading the files of a model from disk: regular files only, up to a size limit, and the
//! names a folder holds checked against the names the model reads.

use super::FILES;
use crate::error::{Error, Finding, Kind};
use std::fs::{File, Metadata};
use std::io::Read;
use std::path::{Path, PathBuf};

/// A file's name as the model knows it (the last part of its path).
pub(crate) fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// The bytes of the regular file at `path` (a symbolic link to one is fine), at most `limit` of
/// them. `Ok(Err(finding))` when the path is something else or the file is larger; `Err` when
/// the operating system cannot read it. At most `limit + 1` bytes are read, so a file that grows
/// while it is read cannot exhaust the memory.
pub(super) fn read_regular(path: &Path, limit: u64) -> Result<Result<Vec<u8>, Finding>, Error> {
    let io = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let refuse = |kind, what: String| Ok(Err(Finding::new(kind, None, "", shown(path), what)));
    let metadata = match std::fs::metadata(path) {
        Ok(metadata) => metadata,
        Err(error) => {
            // A link whose target is gone: the link is there, the file is not.
            return match std::fs::read_link(path) {
                Ok(target) => refuse(
                    Kind::NotAFile,
                    format!(
                        "is a symbolic link to {}, which does not exist: expected a CSV file",
                        target.display()
                    ),
                ),
                Err(_) => Err(io(error)),
            };
        }
    };
    if let Some(what) = not_regular(&metadata) {
        let what = match std::fs::read_link(path) {
            Ok(target) => format!("a symbolic link to {}, which is {what}", target.display()),
            Err(_) => what.to_string(),
        };
        return refuse(Kind::NotAFile, format!("is {what}: expected a CSV file"));
    }
    if metadata.len() > limit {
        return refuse(Kind::TooLarge, too_large(metadata.len(), limit));
    }
    let file = File::open(path).map_err(io)?;
    // The path may have been replaced since it was looked at: what was opened is what counts.
    if let Some(what) = not_regular(&file.metadata().map_err(io)?) {
        return refuse(Kind::NotAFile, format!("is {what}: expected a CSV file"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(metadata.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(io)?;
    if bytes.len() as u64 > limit {
        return refuse(Kind::TooLarge, too_large(bytes.len() as u64, limit));
    }
    Ok(Ok(bytes))
}

pub(crate) fn too_large(size: u64, limit: u64) -> String {
    format!(
        "is larger than the limit of {limit} bytes ({size} bytes or more): split the region, or raise the limit with Loader::max_file_size"
    )
}

/// A path as shown in findings.
fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// What a path is, in words, when it is not a regular file.
fn not_regular(metadata: &Metadata) -> Option<&'static str> {
    let kind = metadata.file_type();
    if kind.is_file() {
        return None;
    }
    if kind.is_dir() {
        return Some("a folder");
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return Some("a FIFO (named pipe)");
        }
        if kind.is_socket() {
            return Some("a socket");
        }
        if kind.is_char_device() || kind.is_block_device() {
            return Some("a device");
        }
    }
    Some("not a regular file")
}

/// The paths of the model's files in a folder (a name that is there, even as a dangling link),
/// and a finding for each name in it that misses a name of the model no other file has.
pub(super) fn folder(dir: &Path) -> Result<(Vec<PathBuf>, Vec<Finding>), Error> {
    let io = |source| Error::Io {
        path: dir.to_path_buf(),
        source,
    };
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(io)? {
        names.push(
            entry
                .map_err(io)?
                .file_name()
                .to_string_lossy()
                .into_owned(),
        );
    }
    names.sort();
    let paths = FILES
        .iter()
        .filter(|name| names.iter().any(|n| n == *name))
        .map(|name| dir.join(name))
        .collect();
    let absent: Vec<&str> = FILES
        .iter()
        .copied()
        .filter(|name| !names.iter().any(|n| n == name))
        .collect();
    let findings = names
        .iter()
        .filter_map(|name| {
            let meant = near_miss(name, &absent)?;
            let expected = format!(
                "is not read: did you mean {meant}? (file names are read exactly as the model spells them)"
            );
            Some(Finding::new(
                Kind::UnknownFile,
                None,
                "",
                shown(&dir.join(name)),
                expected,
            ))
        })
        .collect();
    Ok((paths, findings))
}

/// The name among `names` that `name` misses by case, or by at most two letters; `None` for a
/// name of the model itself or one far from them all.
pub(crate) fn near_miss<'n>(name: &str, names: &[&'n str]) -> Option<&'n str> {
    if FILES.contains(&name) {
        return None;
    }
    let lower = name.to_lowercase();
    names
        .iter()
        .copied()
        .map(|candidate| (edit_distance(&lower, candidate), candidate))
        .filter(|(distance, _)| *distance <= 2)
        .min()
        .map(|(_, candidate)| candidate)
}

/// Levenshtein distance over characters (the names are short).
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = row[0];
        row[0] = i + 1;
        for (j, &cb) in b.iter().enumerate() {
            let above = row[j + 1];
            row[j + 1] = (above + 1)
                .min(row[j] + 1)
                .min(diagonal + usize::from(ca != cb));
            diagonal = above;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn near_misses_are_case_and_up_to_two_letters() {
        let names = ["effects.csv", "themes.csv"];
        assert_eq!(near_miss("Effects.csv", &names), Some("effects.csv"));
        assert_eq!(near_miss("EFFECTS.CSV", &names), Some("effects.csv"));
        assert_eq!(near_miss("effect.csv", &names), Some("effects.csv"));
        assert_eq!(near_miss("efects.cvs", &names), None); // three edits
        assert_eq!(near_miss("theme.csv", &names), Some("themes.csv"));
        assert_eq!(near_miss("READINGS.md", &names), None);
        assert_eq!(near_miss("effects.csv", &names), None);
    }
}
