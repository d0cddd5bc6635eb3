import Foundation

extension NotebookError {
    /// A file-system failure while doing something with `path`, in the project's words:
    /// what was being done, the path, the reason (found by looking at the path itself where
    /// possible: a file in the way, a folder that is not writable) and what was expected.
    /// Errors that are already a `NotebookError` pass through unchanged.
    public static func system(_ error: Error, doing: String, path: String, expected: String) -> NotebookError {
        if let error = error as? NotebookError { return error }
        return NotebookError(file: path, message: "\(doing) failed: \(reason(for: error, path: path)); expected \(expected)")
    }

    /// Whether `error` comes from the file system (Foundation or POSIX), as opposed to the
    /// project's own errors and those of the code a caller runs, which pass through as they are.
    static func isFileSystemError(_ error: Error) -> Bool {
        guard !(error is NotebookError) else { return false }
        let domain = (error as NSError).domain
        return domain == NSCocoaErrorDomain || domain == NSPOSIXErrorDomain
    }

    /// Why a file operation on `path` failed, in a few words.
    static func reason(for error: Error, path: String) -> String {
        let ns = error as NSError
        // The path the failing call was given, or the one named by the caller.
        let failing = (ns.userInfo[NSFilePathErrorKey] as? String) ?? (ns.userInfo[NSURLErrorKey] as? URL)?.path ?? path
        for candidate in [(failing as NSString).deletingLastPathComponent, path] where !candidate.isEmpty {
            if let blocker = fileInTheWay(of: candidate) { return "`\(blocker)` is a file, not a folder" }
        }
        var errno: Int32? = nil
        if ns.domain == NSPOSIXErrorDomain { errno = Int32(ns.code) }
        if let underlying = ns.userInfo[NSUnderlyingErrorKey] as? NSError, underlying.domain == NSPOSIXErrorDomain {
            errno = Int32(underlying.code)
        }
        let where_ = (ns.userInfo[NSFilePathErrorKey] as? String).map { " (`\($0)`)" } ?? ""
        if let errno { return String(cString: strerror(errno)).lowercased() + where_ }
        if ns.domain == NSCocoaErrorDomain {
            switch CocoaError.Code(rawValue: ns.code) {
            case .fileNoSuchFile, .fileReadNoSuchFile: return "no such file or folder" + where_
            case .fileReadNoPermission, .fileWriteNoPermission: return "permission denied" + where_
            case .fileWriteOutOfSpace: return "the disk is full" + where_
            case .fileWriteFileExists: return "something of that name is already there" + where_
            case .fileWriteVolumeReadOnly: return "the disk is read-only" + where_
            case .fileReadCorruptFile, .fileReadUnknown: return "the file cannot be read" + where_
            default: break
            }
            if let deepest = nearestExisting(path), access(deepest, W_OK) != 0 {
                return "the folder `\(deepest)` is not writable"
            }
            return "the operation did not complete (file-system error \(ns.code))" + where_
        }
        return "\(error)"
    }

    /// The folder `path`, or its first existing ancestor, if that is a regular file:
    /// `--out notes.txt/reports` has `notes.txt` in the way.
    static func fileInTheWay(of path: String) -> String? {
        var isFolder: ObjCBool = false
        var current = path
        while !current.isEmpty, current != "/", current != "." {
            if FileManager.default.fileExists(atPath: current, isDirectory: &isFolder) {
                return isFolder.boolValue ? nil : current
            }
            current = (current as NSString).deletingLastPathComponent
        }
        return nil
    }

    /// `path` or its nearest existing ancestor.
    static func nearestExisting(_ path: String) -> String? {
        var current = path
        while !current.isEmpty {
            if FileManager.default.fileExists(atPath: current) { return current }
            let parent = (current as NSString).deletingLastPathComponent
            if parent == current { return nil }
            current = parent
        }
        return nil
    }
}
