// One test at a time: the planted-bug report compares Coyote's wall time with a stress run given the same time,
// which only means something when nothing else in this process competes for the two cores.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
