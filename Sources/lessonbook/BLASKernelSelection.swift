import Foundation
import Notebook
import Tensor

/// Starts the command again with `OPENBLAS_CORETYPE` set when OpenBLAS fell back to its
/// generic kernels on a CPU that can run better ones (`BLASKernels` says why). Runs first
/// thing in `main`, before anything is read or printed, so the restart is invisible: the
/// same process, arguments and environment plus that one variable.
enum BLASKernelSelection {
    /// Marks the restarted process, so that it removes the variable it was given: the
    /// programs it starts (an `sbatch` job on another node, say) choose for their own CPU.
    static let marker = "LESSONBOOK_CHOSE_OPENBLAS_CORETYPE"

    static func apply() {
        if getenv(marker) != nil {
            // OpenBLAS has loaded with the chosen kernels; the choice goes no further.
            unsetenv(marker)
            unsetenv("OPENBLAS_CORETYPE")
            return
        }
        let cpuinfo = { String(decoding: FileBytes.read(atPath: "/proc/cpuinfo") ?? Data(), as: UTF8.self) }
        guard let core = BLASKernels.preferredCoreType(chosen: BLASKernels.coreName,
                                                       cpuFlags: BLASKernels.cpuFlags(cpuinfo: cpuinfo()),
                                                       environment: ProcessInfo.processInfo.environment)
        else { return }
        setenv("OPENBLAS_CORETYPE", core, 1)
        setenv(marker, "1", 1)
        execv("/proc/self/exe", CommandLine.unsafeArgv)
        // Only reached when the restart failed: carry on with the generic kernels.
        unsetenv(marker)
        unsetenv("OPENBLAS_CORETYPE")
    }
}
