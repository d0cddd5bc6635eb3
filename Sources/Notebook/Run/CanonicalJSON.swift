import Foundation

/// The one JSON style for files that must be byte-stable: sorted keys, two-space
/// indentation, unescaped slashes, and NaN/infinity as the strings `nan`, `inf`, `-inf`.
///
/// Cell records, `run.json`, trial cache entries and trial keys all go through it, so the same
/// value always has the same bytes (and the same SHA-256):
///
///     let data = try CanonicalJSON.encode(record)
///     let back = try CanonicalJSON.decode(CellRecord.self, from: data)
public enum CanonicalJSON {
    /// Encodes `value` in the canonical style, with a final newline.
    public static func encode<T: Encodable>(_ value: T) throws -> Data {
        var data = try encoder.encode(value)
        data.append(0x0A)
        return data
    }

    /// Decodes a value written by `encode` (or any JSON), reading `nan`, `inf` and `-inf` back as numbers.
    public static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws -> T {
        try decoder.decode(type, from: data)
    }

    static var encoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return encoder
    }

    static var decoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        return decoder
    }
}
