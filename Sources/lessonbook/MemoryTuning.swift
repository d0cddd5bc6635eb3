import CMalloc

/// Tells glibc's allocator to keep freed memory for reuse instead of handing it back to
/// the kernel, once at start-up.
///
/// Why: a render allocates the same large blocks over and over (an 800 × 600 figure's
/// 1.9 MB of pixels and its mask and row buffers, zlib's window, the encoded file). By
/// default glibc serves blocks from 128 KB up with their own `mmap` and returns them on
/// `free`, and trims the heap when 128 KB at its top are free, so every such block costs
/// fresh pages: a page fault and a zeroed page per 4 KB the next time it is touched. With
/// blocks below 64 MB kept on the heap and the heap trimmed only past 256 MB of free space,
/// a freed block is reused as it is. Measured with
/// `perf stat -e page-faults lessonbook bench --only W4 --repeats 20` (release build, three
/// runs each, 2 December 2026): about 33,000 page faults before, 3,900 after; the CPU time
/// moved by less than the machine's noise (the README's performance section).
enum MemoryTuning {
    /// Blocks smaller than this come from the heap, never from their own mapping.
    static let mmapThreshold: Int32 = 64 << 20
    /// The heap gives memory back only when this much at its top is free.
    static let trimThreshold: Int32 = 256 << 20

    /// Applies both settings; the allocator ignores a setting it does not accept, and the
    /// program runs as before.
    static func apply() {
        _ = mallopt(M_MMAP_THRESHOLD, mmapThreshold)
        _ = mallopt(M_TRIM_THRESHOLD, trimThreshold)
    }
}
