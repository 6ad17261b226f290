// The daemon tests measure failover times against RFC intervals on a 2-core box: running test
// classes side by side would let one test's 50-instance soak starve another's routers.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
