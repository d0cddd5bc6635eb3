import CBLAS
import Foundation

/// Which of OpenBLAS's kernel sets runs the products, and which one to ask for when
/// OpenBLAS did not recognise the CPU.
///
/// Why it matters: Debian's OpenBLAS (0.3.21) carries kernels for many CPUs and picks one
/// set when it loads. On a CPU model newer than its tables (an Intel Xeon of family 6,
/// model 207, for one) it falls back to `Prescott`, its generic SSE3 kernels, although the
/// CPU has AVX-512. That costs speed (the batch-size lesson renders in twice the time) and
/// changes numbers: each kernel set sums in its own order, so the same lesson gives other
/// last digits there than on a CPU OpenBLAS knows. OpenBLAS reads `OPENBLAS_CORETYPE`
/// only while it loads, so the command line (`BLASKernelSelection`) sets it and starts
/// itself again; `preferredCoreType` says what to set.
public enum BLASKernels {
    /// The kernel set OpenBLAS is using, by OpenBLAS's own name (`Prescott`, `Haswell`,
    /// `SkylakeX`, `Cooperlake`, `Zen`, ...).
    public static var coreName: String {
        guard let name = openblas_get_corename() else { return "" }
        return String(cString: name)
    }

    /// The `OPENBLAS_CORETYPE` to start with, or nil to keep what OpenBLAS chose: nil when
    /// the variable is already set (a choice someone made, or the restart itself), when
    /// OpenBLAS recognised the CPU (anything but `Prescott`), or when the CPU has nothing
    /// better than SSE3. Otherwise the newest set its instructions allow, with the names
    /// OpenBLAS uses for them: `COOPERLAKE` (AVX-512 with bfloat16, which OpenBLAS 0.3.21
    /// also runs when asked for `SAPPHIRERAPIDS`), `SKYLAKEX` (AVX-512) or `HASWELL` (AVX2
    /// and FMA).
    /// `cpuFlags` is read only when OpenBLAS did fall back, so a start on a recognised CPU
    /// costs no file read.
    public static func preferredCoreType(chosen: String, cpuFlags: @autoclosure () -> Set<String>,
                                         environment: [String: String]) -> String? {
        guard environment["OPENBLAS_CORETYPE"] == nil, chosen.lowercased() == "prescott" else { return nil }
        let flags = cpuFlags()
        let avx512: Set<String> = ["avx512f", "avx512cd", "avx512bw", "avx512dq", "avx512vl"]
        if flags.isSuperset(of: avx512.union(["avx512_bf16"])) { return "COOPERLAKE" }
        if flags.isSuperset(of: avx512) { return "SKYLAKEX" }
        if flags.isSuperset(of: ["avx2", "fma"]) { return "HASWELL" }
        return nil
    }

    /// The instruction-set flags of the first processor in `cpuinfo` (the text of
    /// `/proc/cpuinfo`), empty when it has no `flags` line.
    public static func cpuFlags(cpuinfo: String) -> Set<String> {
        for line in cpuinfo.split(separator: "\n") where line.hasPrefix("flags") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            return Set(line[line.index(after: colon)...].split(separator: " ").map(String.init))
        }
        return []
    }
}
