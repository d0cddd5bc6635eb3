import Foundation

/// Which readers a render is for. The instructor edition (the default) shows each
/// exercise's answer and how its claim fared; the student edition leaves the answers out
/// of every output it writes (Markdown, HTML, data files, `run.json`, and any other output
/// that reads `RenderOptions.edition`), so it can be handed out before the answers are due.
public enum Edition: String, Sendable, CaseIterable, Codable {
    /// `instructor` (answers shown) or `student` (answers left out), as `--edition` names them.
    case instructor, student

    /// Whether answers, their text and their claims, may appear in this edition's outputs.
    public var showsAnswers: Bool { self == .instructor }
}
