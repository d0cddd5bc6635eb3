/// A block of the lesson (a cell or an exercise) that remembers the line of its opening
/// fence and of each key written in it, so a message about a key can name its line.
public protocol KeyLines {
    /// Line of the opening fence.
    var line: Int { get }
    /// Line of each key as written, dotted for nested keys (`with.epochs`, `change.1`).
    var lines: [String: Int] { get }
}

extension KeyLines {
    /// The line of `key`, falling back to its parents (`with.epochs` to `with`) and then
    /// to the fence, so that a setting that came from a default still points somewhere.
    public func line(of key: String) -> Int {
        var key = key
        while true {
            if let line = lines[key] { return line }
            guard let dot = key.lastIndex(of: ".") else { return line }
            key = String(key[..<dot])
        }
    }
}
