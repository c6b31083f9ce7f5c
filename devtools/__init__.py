"""Development tools: the demo data `make run` loads and the benchmarks (`make bench-*`).

Installed only by the local and test settings (cgrs/settings/local.py, test.py), so none of
it runs in production. It sits above every app: it imports them, and no app imports it
(tests/test_architecture.py checks both).

- `devtools.demo`: each app's demo data, loaded in `LOADERS` order by `load_demo_data`.
- `devtools.bench`: synthetic data built in bulk and the timing helpers of the bench_*
  commands; `devtools.scratch_database` gives a benchmark a database of its own.
"""
