//! Speed on the Limburg data: loading the CSV files, evaluating the model (and again by an
//! evaluator after one value set), rendering the report, bounds, the tornado over every ranged
//! parameter, the scenarios, and (with the `monte-carlo` feature) 10,000 Monte Carlo draws, on one core and (feature `parallel`) on all. Run with
//! `cargo bench --all-features`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use rust_decimal::Decimal;
use std::hint::black_box;
use workforce_gap::{Loader, Model};
use workforce_gap::{Range, Scope};

fn limburg(c: &mut Criterion) {
    let model = Model::limburg().expect("embedded data loads");
    let effects: usize = model.initiatives.iter().map(|i| i.effects.len()).sum();
    // The files the embedded model is made from, read once so that the bench measures parsing.
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data/limburg");
    let texts: Vec<(&str, String)> = Loader::FILES
        .iter()
        .filter_map(|name| Some((*name, std::fs::read_to_string(dir.join(name)).ok()?)))
        .collect();
    let files: Vec<(&str, &str)> = texts.iter().map(|(n, t)| (*n, t.as_str())).collect();
    let bytes: usize = files.iter().map(|(_, text)| text.len()).sum();

    let mut group = c.benchmark_group("limburg");
    group.throughput(Throughput::Elements(effects as u64));
    group.bench_function("evaluate", |b| {
        b.iter(|| black_box(&model).evaluate().unwrap())
    });
    // One value set and the model evaluated again, next to `evaluate` above: an initiative's
    // ranged parameter, set to either end of its range in turn, so that every set changes it.
    let edited = (model.parameters.iter())
        .find(|p| matches!(p.scope, Scope::Initiative(_)) && p.range.is_some())
        .expect("Limburg has ranged parameters of initiatives");
    let target = format!("{}.{}", edited.scope, edited.name);
    let ends = edited.range.as_ref().map(|r| [r.low, r.high]).unwrap();
    let mut evaluator = workforce_gap::Evaluator::new(model.clone()).unwrap();
    let mut turn = 0;
    group.bench_function("set_and_evaluate", |b| {
        b.iter(|| {
            turn += 1;
            evaluator.set(black_box(&target), ends[turn % 2]).unwrap();
            black_box(evaluator.results().total)
        })
    });
    // One initiative on its own: the Limburg model cut down to its largest row (six effects).
    let mut one = model.clone();
    let kept = "ketenaanpak-welzijn-op-recept";
    one.initiatives.retain(|i| i.id == kept);
    one.parameters.retain(|p| match &p.scope {
        Scope::Region => true,
        Scope::Initiative(id) => id == kept,
    });
    one.scenarios.clear();
    let one_effects = one
        .initiatives
        .iter()
        .map(|i| i.effects.len())
        .sum::<usize>();
    group.throughput(Throughput::Elements(one_effects as u64));
    group.bench_function("evaluate_one_initiative", |b| {
        b.iter(|| black_box(&one).evaluate().unwrap())
    });
    group.throughput(Throughput::Elements(effects as u64));
    group.bench_function("check", |b| b.iter(|| black_box(&model).check()));
    group.bench_function("bounds", |b| b.iter(|| black_box(&model).bounds().unwrap()));

    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("load_csv", |b| {
        b.iter(|| Loader::new().load_texts(black_box(&files)).unwrap())
    });

    let results = model.evaluate().unwrap();
    group.throughput(Throughput::Elements(results.initiatives.len() as u64));
    group.bench_function("render_text", |b| {
        b.iter(|| workforce_gap::Text::Results(black_box(&results)).to_string())
    });

    let ranged = model
        .parameters
        .iter()
        .filter(|p| p.range.is_some())
        .count();
    group.throughput(Throughput::Elements(ranged as u64));
    group.bench_function("tornado", |b| {
        b.iter(|| black_box(&model).tornado().unwrap())
    });
    // Sensitivity over every parameter: those without a range get one of 10% either side of
    // their value (a share at most 100%).
    let mut every = model.clone();
    for parameter in every.parameters.iter_mut().filter(|p| p.range.is_none()) {
        let (a, b) = (
            parameter.value * Decimal::new(9, 1),
            parameter.value * Decimal::new(11, 1),
        );
        let high = match parameter.is_share() {
            true => a.max(b).min(Decimal::ONE.max(parameter.value)),
            false => a.max(b),
        };
        parameter.range = Some(Range {
            source: "10% either side, for the bench".into(),
            ..Range::new(a.min(b), high)
        });
    }
    group.throughput(Throughput::Elements(every.parameters.len() as u64));
    group.bench_function("tornado_every_parameter", |b| {
        b.iter(|| black_box(&every).tornado().unwrap())
    });
    group.throughput(Throughput::Elements(model.scenarios.len() as u64 + 1));
    group.bench_function("scenarios", |b| {
        b.iter(|| black_box(&model).compare().unwrap())
    });
    group.finish();

    #[cfg(feature = "monte-carlo")]
    {
        use workforce_gap::MonteCarloSettings;
        let mut group = c.benchmark_group("limburg_monte_carlo");
        group.sample_size(10);
        // One core: with the feature `parallel`, in a pool of one thread.
        #[cfg(feature = "parallel")]
        let one_core = rayon::ThreadPoolBuilder::new()
            .num_threads(1)
            .build()
            .expect("a pool of one thread");
        let on_one_core = |settings: MonteCarloSettings| {
            #[cfg(feature = "parallel")]
            return one_core.install(|| black_box(&model).monte_carlo(settings).unwrap());
            #[cfg(not(feature = "parallel"))]
            return black_box(&model).monte_carlo(settings).unwrap();
        };
        // 10,000 draws is the target; 1,000 and 100,000 show how the cost grows with draws.
        // "core" summarises what the numpy peer's core run does: the total and the themes.
        for draws in [1_000, 10_000, 100_000] {
            let settings = MonteCarloSettings::default().draws(draws).seed(1);
            group.throughput(Throughput::Elements(draws as u64));
            group.bench_function(format!("{draws}_draws"), |b| {
                b.iter(|| on_one_core(settings))
            });
            let core = (settings.initiatives(false).correlations(false))
                .sectors(false)
                .gaps(false);
            group.bench_function(format!("{draws}_draws_core"), |b| {
                b.iter(|| on_one_core(core))
            });
            // Every core of the machine.
            #[cfg(feature = "parallel")]
            if draws == 10_000 {
                group.bench_function("10000_draws_parallel", |b| {
                    b.iter(|| black_box(&model).monte_carlo(settings).unwrap())
                });
            }
        }
        group.finish();
    }

    // Time to a precision: quasi-random points until the standard error of the total's mean is
    // at most PRECISION persons, next to as many pseudo-random draws as reach that standard
    // error, σ² / PRECISION² (σ the total's exact standard deviation); both on one core, with
    // what the peer's core run summarises.
    #[cfg(feature = "qmc")]
    {
        use rust_decimal::prelude::ToPrimitive;
        use workforce_gap::{Moments, MonteCarloSettings};
        const PRECISION: f64 = 0.05;
        let Ok(Moments::Exact { total, .. }) = model.moments() else {
            panic!("Limburg's total is multilinear in its ranged parameters");
        };
        let sd = total[2].to_f64().expect("a standard deviation");
        let draws = (sd * sd / (PRECISION * PRECISION)).ceil() as usize;
        let core = MonteCarloSettings::default()
            .initiatives(false)
            .correlations(false);
        let quasi = core.precision(PRECISION).draws(1 << 20);
        let pseudo = core.draws(draws);
        let one_core = one_thread();
        let reached = model.monte_carlo(quasi).unwrap().total;
        let error = reached.standard_error().unwrap_or(f64::NAN);
        eprintln!(
            "quasi: {} points, standard error {error:.4}; pseudo: {draws} draws, {:.4}",
            reached.draws(),
            sd / (draws as f64).sqrt()
        );
        let mut group = c.benchmark_group("limburg_precision");
        group.sample_size(10);
        group.bench_function("quasi_to_0.05_persons", |b| {
            b.iter(|| one_core(&|| black_box(&model).monte_carlo(quasi).unwrap()))
        });
        group.bench_function(format!("pseudo_{draws}_draws_to_0.05_persons"), |b| {
            b.iter(|| one_core(&|| black_box(&model).monte_carlo(pseudo).unwrap()))
        });
        group.finish();
    }
}

/// Runs a closure on one core: with the feature `parallel`, in a pool of one thread.
#[cfg(feature = "qmc")]
fn one_thread()
-> impl Fn(&(dyn Fn() -> workforce_gap::MonteCarlo + Sync)) -> workforce_gap::MonteCarlo {
    #[cfg(feature = "parallel")]
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(1)
        .build()
        .expect("a pool of one thread");
    move |run| {
        #[cfg(feature = "parallel")]
        return pool.install(run);
        #[cfg(not(feature = "parallel"))]
        return run();
    }
}

criterion_group!(benches, limburg);
criterion_main!(benches);
