//! The regions whose regioplan the library embeds, side by side.
//!
//! Run with `cargo run --example regions`, or `cargo run --example regions -- data/*` for folders.

mod common;

use common::{DIALECT, Program};
use std::io::Write;
use std::process::ExitCode;
use workforce_gap::{Error, Model, Text};

const HELP: &str = "\
regions: the regioplannen embedded in the library side by side: each region's projected
shortage as the plan states it (persons, FTE or a share), how many initiatives it collects
and how many it quantifies, the staff freed where quantified, and the share of the shortage
covered where the shortage can be stated in persons. Given folders, it sets the regions
they hold side by side instead.

Usage: cargo run --example regions -- [--dialect canonical|dutch-excel|detect] [FOLDER...]";

const PROGRAM: Program = Program {
    name: "regions",
    help: HELP,
    choices: &[DIALECT],
    sets: false,
};

fn main() -> ExitCode {
    let args = match PROGRAM.args() {
        Ok(args) => args,
        Err(exit) => return exit,
    };
    PROGRAM.finish(|out| {
        let models = if args.paths.is_empty() {
            Model::EMBEDDED
                .iter()
                .map(|id| Model::embedded(id).expect("every id of Model::EMBEDDED is embedded"))
                .collect::<Result<Vec<_>, _>>()?
        } else {
            (args.paths.iter())
                .map(|folder| common::load_folder(&args, folder))
                .collect::<Result<Vec<_>, _>>()?
        };
        let evaluated = (models.iter())
            .map(|model| Ok((model, model.evaluate()?)))
            .collect::<Result<Vec<_>, Error>>()?;
        let pairs: Vec<_> = evaluated.iter().map(|(m, r)| (*m, r)).collect();
        Ok(out.write_all(Text::Regions(&pairs).to_string().as_bytes())?)
    })
}
