import Foundation

/// A parameter whose value is one of a fixed set of names (`data: synthetic`), as an enum
/// with `String` raw values. Decoding an unknown name fails with the list of names, so the
/// lesson author reads `expected one of fashion-mnist, synthetic, found mnist`; listings
/// and the JSON Schema take the names from `allCases`.
public protocol ConfigChoice: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

extension ConfigChoice {
    /// Every name, in declaration order.
    public static var names: [String] { allCases.map(\.rawValue) }

    public init(from decoder: Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let value = Self(rawValue: text) else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath,
                debugDescription: "expected one of \(Self.names.joined(separator: ", "))"))
        }
        self = value
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}
