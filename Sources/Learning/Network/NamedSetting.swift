import Foundation

/// A setting a lesson writes as a name (`relu`, `he_normal`, `leaky_relu(0.2)`): it
/// parses from and prints to that name, and is stored as it in JSON (trial keys, cached
/// results), so a cache entry reads the same as the lesson that made it. Conforming types
/// give the name, the parser and the accepted forms; decoding an unknown name then fails
/// with the list of forms, in one place for every such setting.
public protocol NamedSetting: Codable {
    /// The name a lesson writes.
    var name: String { get }
    /// Parses a lesson name; nil for an unknown one.
    init?(name: String)
    /// Every form `init?(name:)` accepts, for error messages.
    static var knownNames: [String] { get }
    /// What the setting is, for error messages (`activation`).
    static var settingNoun: String { get }
}

extension NamedSetting {
    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(name: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "unknown \(Self.settingNoun) \"\(text)\"; expected one of \(Self.knownNames.joined(separator: ", "))"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(name)
    }
}
