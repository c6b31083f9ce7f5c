"""cgrs.facets.disjunctive_counts, the counting both faceted searches use, against sets
counted item by item: OR within a group, AND across, each group's counts leave out its own
selection (and the groups it also ignores)."""

import random

from pyroaring import BitMap

from cgrs.facets import disjunctive_counts, union


def test_counts_match_brute_force_on_random_data():
    rng = random.Random(4)
    items = range(200)
    groups = {g: [set(rng.sample(items, rng.randint(0, 60))) for _ in range(5)] for g in "abcd"}
    for _ in range(300):
        base = set(rng.sample(items, rng.randint(0, 200)))
        picks = {g: rng.sample(range(5), rng.choice([0, 0, 1, 2])) for g in groups}
        also = {"a": ("b",)} if rng.random() < 0.5 else {}

        def passes(item, group, picks=picks):
            return not picks[group] or any(item in groups[group][v] for v in picks[group])

        chosen = {g: union(BitMap(groups[g][v]) for v in picks[g]) for g in groups if picks[g]}
        options = {g: [BitMap(values) if values else None for values in groups[g]] for g in groups}
        result, counts = disjunctive_counts(BitMap(base), chosen, options, also_ignores=also)
        assert set(result) == {i for i in base if all(passes(i, g) for g in groups)}
        for group in groups:
            ignored = {group, *also.get(group, ())}
            others = {i for i in base if all(passes(i, g) for g in groups if g not in ignored)}
            assert counts[group] == [len(others & values) for values in groups[group]]


def test_a_group_without_options_is_still_applied():
    result, counts = disjunctive_counts(
        BitMap(range(10)), {"flag": BitMap([1, 2, 3])}, {"kind": [BitMap([2, 3, 4]), None]}
    )
    assert list(result) == [1, 2, 3]
    assert counts == {"kind": [2, 0]}
