import Synchronization

/// Values computed at most once per key and shared by the parallel trials of a sweep: the
/// data sets a sweep's trials load, the speeds a lesson measures. The lock is held while a
/// value is computed, so trials asking for the same key wait for the one computation
/// instead of repeating it.
final class LoadedOnce<Key: Hashable & Sendable, Value>: Sendable {
    private let values = Mutex<[Key: Value]>([:])

    /// The value for `key`, computed by `make` the first time it is asked for.
    func value(_ key: Key, make: () throws -> Value) rethrows -> Value {
        try values.withLock { values in
            if let known = values[key] { return known }
            let made = try make()
            values[key] = made
            return made
        }
    }
}
