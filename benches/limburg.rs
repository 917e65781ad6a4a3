//! Speed of the main path on the Limburg data: loading the CSV files, evaluating the model,
//! rendering the report. Run with `cargo bench`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use workforce_gap::{LIMBURG_FILES, csv_input, evaluate, render};

fn limburg(c: &mut Criterion) {
    let model = workforce_gap::limburg().expect("embedded data loads");
    let effects: usize = model.initiatives.iter().map(|i| i.effects.len()).sum();
    let bytes: usize = LIMBURG_FILES.iter().map(|(_, text)| text.len()).sum();

    let mut group = c.benchmark_group("limburg");
    group.throughput(Throughput::Elements(effects as u64));
    group.bench_function("evaluate", |b| {
        b.iter(|| evaluate(black_box(&model)).unwrap())
    });
    group.bench_function("validate", |b| b.iter(|| black_box(&model).validate()));

    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("load_csv", |b| {
        b.iter(|| csv_input::from_texts(black_box(&LIMBURG_FILES)).unwrap())
    });

    let results = evaluate(&model).unwrap();
    group.throughput(Throughput::Elements(results.initiatives.len() as u64));
    group.bench_function("render_text", |b| {
        b.iter(|| render::text(black_box(&results)))
    });
    group.finish();
}

criterion_group!(benches, limburg);
criterion_main!(benches);
