// The engine tests time real delays and the smoke suite measures throughput: running them side by side would make
// both measure each other.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
