//! Speed at national scale: 50 regions of 200 initiatives (about 10 parameters and 1-3 effects
//! each) loaded from CSV and evaluated; their exact bounds; and a parameters.csv of 1,000,000
//! rows; and how each grows (group `national_growth`: fewer regions, initiatives per region,
//! fewer parameter rows). Run with `cargo bench --all-features --bench national`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use workforce_gap::Loader;

#[path = "support/national.rs"]
mod national;

fn as_bytes<'a>(files: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a [u8])> {
    files.iter().map(|(n, t)| (*n, t.as_bytes())).collect()
}

/// Loads and evaluates each region.
fn load_and_evaluate(regions: &[Vec<(&'static str, String)>]) {
    for files in regions {
        let loaded = Loader::new().load_bytes(&as_bytes(files)).unwrap();
        black_box(loaded.model.evaluate().unwrap());
    }
}

fn national(c: &mut Criterion) {
    let mut numbers = national::Numbers::new(1);
    let regions: Vec<Vec<(&'static str, String)>> = (0..50)
        .map(|r| national::region(r, 200, &mut numbers))
        .collect();
    let initiatives = 50 * 200;
    let mut group = c.benchmark_group("national");
    group.sample_size(10);
    group.throughput(Throughput::Elements(initiatives as u64));
    group.bench_function("load_and_evaluate_50x200", |b| {
        b.iter(|| load_and_evaluate(&regions))
    });
    let models: Vec<_> = regions
        .iter()
        .map(|files| Loader::new().load_bytes(&as_bytes(files)).unwrap().model)
        .collect();
    group.bench_function("bounds_50x200", |b| {
        b.iter(|| {
            for model in &models {
                black_box(model.bounds().unwrap());
            }
        })
    });
    let many = national::many_parameters(1_000_000);
    group.throughput(Throughput::Elements(1_000_000));
    group.bench_function("load_1000000_parameter_rows", |b| {
        b.iter(|| black_box(Loader::new().load_bytes(&as_bytes(&many)).unwrap()))
    });
    group.finish();

    // Growth: each size's throughput is set, so criterion reports time per element and a
    // linear cost shows as a flat rate.
    let mut group = c.benchmark_group("national_growth");
    group.sample_size(10);
    // The largest sizes are the targets above: 50 regions, 200 initiatives, 1,000,000 rows.
    for count in [10, 25] {
        group.throughput(Throughput::Elements(count as u64 * 200));
        group.bench_with_input(
            BenchmarkId::new("regions_of_200", count),
            &count,
            |b, &n| b.iter(|| load_and_evaluate(&regions[..n])),
        );
    }
    for size in [100, 200, 400] {
        let mut numbers = national::Numbers::new(2);
        let one = [national::region(0, size, &mut numbers)];
        group.throughput(Throughput::Elements(size as u64));
        group.bench_with_input(
            BenchmarkId::new("initiatives_in_a_region", size),
            &one,
            |b, one| b.iter(|| load_and_evaluate(one)),
        );
    }
    for rows in [10_000, 100_000] {
        let many = national::many_parameters(rows);
        group.throughput(Throughput::Elements(rows as u64));
        group.bench_with_input(
            BenchmarkId::new("parameter_rows", rows),
            &many,
            |b, many| b.iter(|| black_box(Loader::new().load_bytes(&as_bytes(many)).unwrap())),
        );
    }
    group.finish();
}

criterion_group!(benches, national);
criterion_main!(benches);
