"""What the bench_* commands share: synthetic data built in bulk, and timing."""
