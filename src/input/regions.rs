//! The regions whose regioplan the library embeds as data (`data/<id>/`): no files needed.

use super::loader::Loader;
use crate::error::Error;
use crate::model::Model;

macro_rules! embedded {
    ($dir:literal: $($file:literal),*) => {
        [$(($file, include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/data/", $dir, "/", $file)))),*]
    };
}

/// The files of the Noord- en Midden-Limburg model, as embedded in the library.
pub(crate) const LIMBURG_FILES: [(&str, &str); 12] = embedded!("limburg":
    "region.csv", "norms.csv", "shortage.csv", "themes.csv", "sectors.csv",
    "parameters.csv", "ranges.csv", "initiatives.csv", "effects.csv", "scenarios.csv",
    "realised.csv", "staff.csv");

const HAAGLANDEN: [(&str, &str); 8] = embedded!("haaglanden": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");
const KENNEMERLAND: [(&str, &str); 4] =
    embedded!("kennemerland": "region.csv", "shortage.csv", "themes.csv", "initiatives.csv");
const ROTTERDAM: [(&str, &str); 8] = embedded!("rotterdam": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");

const MIDDEN_NEDERLAND: [(&str, &str); 8] = embedded!("midden-nederland": "region.csv", "norms.csv",
    "shortage.csv", "themes.csv", "sectors.csv", "parameters.csv", "initiatives.csv", "effects.csv");

impl Model {
    /// The ids of the regions whose regioplan the library embeds as data (`data/<id>/`), in the
    /// order of the seeds: Kennemerland, Midden Nederland, Haaglanden, Noord- en Midden-Limburg,
    /// and Capelle aan den IJssel, Krimpen aan den IJssel, Rotterdam.
    pub const EMBEDDED: [&str; 5] = [
        "kennemerland",
        "midden-nederland",
        "haaglanden",
        "limburg",
        "rotterdam",
    ];

    /// The Noord- en Midden-Limburg model (Appendix A of its regioplan), from the data embedded
    /// in the library: no files needed. The shortcut for [`Model::embedded`]`("limburg")` that
    /// the examples in these docs use, since that region is the one they pin figures to.
    pub fn limburg() -> Result<Model, Error> {
        Loader::new()
            .load_texts(&LIMBURG_FILES)
            .map(|loaded| loaded.model)
    }

    /// The model of an embedded region, by its id in [`Model::EMBEDDED`]; `None` for another id.
    ///
    /// ```
    /// use workforce_gap::Model;
    /// for id in Model::EMBEDDED {
    ///     let model = workforce_gap::Model::embedded(id).expect("an embedded id")?;
    ///     assert!(!model.initiatives.is_empty());
    /// }
    /// assert!(workforce_gap::Model::embedded("atlantis").is_none());
    /// # Ok::<(), workforce_gap::Error>(())
    /// ```
    pub fn embedded(id: &str) -> Option<Result<Model, Error>> {
        let files: &[(&str, &str)] = match id {
            "limburg" => &LIMBURG_FILES,
            "haaglanden" => &HAAGLANDEN,
            "kennemerland" => &KENNEMERLAND,
            "rotterdam" => &ROTTERDAM,
            "midden-nederland" => &MIDDEN_NEDERLAND,
            _ => return None,
        };
        Some(Loader::new().load_texts(files).map(|loaded| loaded.model))
    }
}
