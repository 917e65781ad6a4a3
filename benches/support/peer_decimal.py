#!/usr/bin/env python3
"""Times the Python peer's exact Decimal recomputation of Limburg, to set beside
`cargo bench --bench limburg -- evaluate` in the same run.

Run from the project root, with the peer beside the project (`../shared/peers`):

    python3 benches/support/peer_decimal.py [--peer ../shared/peers] [--reps 5]

Two figures, each the best of `--reps` timings of many calls:
  * `point`: the peer's `point(model, Decimal)` as it is, which walks each formula's syntax tree
    on every call (what an analyst's script does when run once);
  * `prepared`: the same rows with every formula compiled once into a Python function, its
    numbers bound as Decimals and its names as parameter keys: the arithmetic and the sums
    alone, the Python counterpart of a prepared model. Its figures are checked to be the same
    Decimals as `point`'s.
"""

import argparse
import ast
import decimal
import sys
import timeit
from decimal import Decimal


def prepare(peer, model):
    """Per initiative: counted, its effects as (function, parameter keys, unit, norms), its themes."""
    prepared = []
    for initiative, counted in zip(model.initiatives, peer.counted(model)):
        effects = []
        for effect in initiative.effects:
            formula = effect.formula
            constants = {}

            class Bind(ast.NodeTransformer):
                def visit_Constant(self, node):
                    name = f"c{len(constants)}"
                    constants[name] = Decimal(ast.get_source_segment(formula.renamed, node))
                    return ast.copy_location(ast.Name(name, ast.Load()), node)

            body = Bind().visit(ast.parse(formula.renamed, mode="eval").body)
            arguments = ", ".join(f"n{i}" for i in range(len(formula.names)))
            source = f"lambda {arguments}: {ast.unparse(body)}"
            function = eval(compile(source, "<formula>", "eval"), dict(constants))
            keys = [model.lookup(initiative.id, name) for name in formula.names]
            effects.append((function, keys, effect.unit, model.norms[effect.norms]))
        prepared.append((initiative.id, counted, effects, initiative.themes))
    return prepared


def point_prepared(model, prepared):
    """`point`'s arithmetic in `point`'s order, over the compiled formulas."""
    context = decimal.Context(prec=28, rounding=decimal.ROUND_HALF_EVEN)
    with decimal.localcontext(context):
        zero = Decimal(0)
        params = model.params
        themes = {t: zero for t in model.themes}
        initiatives = {}
        total = zero
        for id, counted, effects, shares in prepared:
            persons = zero
            for function, keys, unit, (hours, part_time) in effects:
                value = function(*[params[key] for key in keys])
                if unit == "hours":
                    persons += value / hours / part_time
                elif unit == "fte":
                    persons += value / part_time
                else:
                    persons += value
            initiatives[id] = persons
            if not counted:
                continue
            total += persons
            weights = sum((w for _, w in shares), zero)
            allotted = zero
            for k, (theme, weight) in enumerate(shares):
                share = persons - allotted if k + 1 == len(shares) else persons * (weight / weights)
                allotted += share
                themes[theme] += share
        covered = [total / v for _, _, v in model.shortages]
    return initiatives, themes, total, covered


def best(statement, reps):
    """The best time of one call, in seconds, over `reps` rounds of many calls."""
    timer = timeit.Timer(statement)
    calls, _ = timer.autorange()
    return min(timer.repeat(repeat=reps, number=calls)) / calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--peer", default="../shared/peers")
    parser.add_argument("--data", default="data/limburg")
    parser.add_argument("--reps", type=int, default=5)
    args = parser.parse_args()
    sys.path.insert(0, args.peer)
    import limburg_numpy as peer

    model = peer.load(args.data)
    prepared = prepare(peer, model)
    reference = peer.point(model, Decimal)
    initiatives, themes, total, covered = point_prepared(model, prepared)
    assert total == reference.total and themes == reference.themes, "prepared differs from point"
    assert initiatives == reference.initiatives
    assert covered == [share for *_, share in reference.covered]
    for name, statement in [
        ("point", lambda: peer.point(model, Decimal)),
        ("prepared", lambda: point_prepared(model, prepared)),
    ]:
        print(f"python Decimal {name}: {best(statement, args.reps) * 1e6:.1f} µs")


if __name__ == "__main__":
    main()
