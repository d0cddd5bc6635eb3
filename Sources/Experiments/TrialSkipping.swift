import Notebook
import Tensor

/// A trial that the trial cache skipped (outside this shard, not cached yet) was left to
/// another process, not failed: parallel sweeps run their other trials and report a real
/// failure first. Declared here, where the cache (Notebook) and the parallel runner
/// (Tensor) meet, since neither of those targets imports the other.
extension TrialCache.Skipped: DeferredTrial {}
